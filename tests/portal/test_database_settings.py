"""Development and the demo run on SQLite; several people writing at once
must queue for the lock, not fail."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def sqlite_options(settings_module):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    code = (
        "import json, django; django.setup(); from django.conf import settings;"
        "d = settings.DATABASES['default'];"
        "print(json.dumps([d['ENGINE'], d.get('OPTIONS', {})]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("settings_module", ["portal.settings.dev", "portal.settings.test"])
def test_sqlite_is_set_up_for_concurrent_writers(settings_module):
    engine, options = sqlite_options(settings_module)
    assert engine == "django.db.backends.sqlite3"
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 10
    assert "journal_mode=WAL" in options["init_command"]
