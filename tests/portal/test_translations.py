"""The Polish catalogue is complete: nothing untranslated, nothing fuzzy, and no
string in the code that the catalogue lacks."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
CATALOGUE = BASE_DIR / "locale" / "pl" / "LC_MESSAGES" / "django.po"
SOURCES = [
    "portal",
    "directory",
    "events",
    "resources",
    "demo",
    "benchmarks",
    "templates",
    "locale",
    "manage.py",
]

pytestmark = pytest.mark.skipif(
    shutil.which("msgattrib") is None, reason="gettext tools are not installed"
)


def entries(po_file, *flags):
    result = subprocess.run(
        ["msgattrib", *flags, "--no-wrap", str(po_file)], capture_output=True, text=True, check=True
    )
    return [
        line[len('msgid "') : -1]
        for line in result.stdout.splitlines()
        if line.startswith('msgid "') and line != 'msgid ""'
    ]


def test_no_untranslated_or_fuzzy_entries():
    assert entries(CATALOGUE, "--untranslated") == []
    assert entries(CATALOGUE, "--only-fuzzy") == []


def test_catalogue_covers_every_string_in_the_code(tmp_path):
    for name in SOURCES:
        source = BASE_DIR / name
        if source.is_dir():
            shutil.copytree(
                source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
            )
        elif source.exists():
            shutil.copy(source, tmp_path / name)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "pl", "--no-obsolete", "-v", "0"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "PATH": os.environ["PATH"],
        },
    )
    assert result.returncode == 0, result.stderr
    missing = entries(tmp_path / "locale" / "pl" / "LC_MESSAGES" / "django.po", "--untranslated")
    fuzzy = entries(tmp_path / "locale" / "pl" / "LC_MESSAGES" / "django.po", "--only-fuzzy")
    assert missing == [], f"untranslated: {missing[:20]}"
    assert fuzzy == [], f"fuzzy: {fuzzy[:20]}"
