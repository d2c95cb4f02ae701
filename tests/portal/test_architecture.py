"""The design's dependency arrows hold, and the check that holds them would
notice a break (import-linter's contract in pyproject.toml)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["portal", "directory", "events", "resources", "demo", "benchmarks"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(tree):
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def copy_tree(destination):
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            destination / package,
            ignore=shutil.ignore_patterns("__pycache__", "templates", "static", "data", "*.yaml"),
        )
    shutil.copy(ROOT / "pyproject.toml", destination / "pyproject.toml")


def test_the_project_keeps_its_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("importer", "planted", "message"),
    [
        (
            "resources/queries.py",
            "import events.models",
            "resources is not allowed to import events",
        ),
        (
            "events/services.py",
            "import resources.models",
            "events is not allowed to import resources",
        ),
        (
            "directory/services.py",
            "import events.models",
            "directory is not allowed to import events",
        ),
        ("portal/roles.py", "import directory.models", "portal is not allowed to import directory"),
        ("events/views.py", "import demo.loader", "events is not allowed to import demo"),
    ],
)
def test_a_planted_violation_breaks_the_contract(tmp_path, importer, planted, message):
    copy_tree(tmp_path)
    path = tmp_path / importer
    path.write_text(path.read_text() + f"\n{planted}  # planted by the test\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert message in result.stdout
