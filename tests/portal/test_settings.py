import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import override_settings

from portal.settings import base

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "portal.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://portal.example.org",
    "DATABASE_URL": f"sqlite:///{BASE_DIR / '.test-media' / 'deploy-check.sqlite3'}",
}


def run_manage(*args, env):
    clean_env = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_passes_the_deploy_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_uses_redis_for_cache_and_sessions_behind_it_when_configured():
    code = (
        "from django.conf import settings;"
        "print(settings.CACHES['default']['BACKEND']);print(settings.SESSION_ENGINE)"
    )
    result = run_manage(
        "shell", "-c", code, env={**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/0"}
    )
    assert result.returncode == 0, result.stderr
    assert "portal.redis_cache.ResilientRedisCache" in result.stdout
    assert "sessions.backends.cached_db" in result.stdout


def test_production_keeps_database_connections_and_checks_them():
    code = (
        "from django.conf import settings;d = settings.DATABASES['default'];"
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    default = run_manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert default.returncode == 0, default.stderr
    assert default.stdout.split()[-2:] == ["60", "True"]
    chosen = run_manage("shell", "-c", code, env={**PRODUCTION_ENV, "DATABASE_CONN_MAX_AGE": "0"})
    assert chosen.stdout.split()[-2:] == ["0", "True"]


@pytest.mark.django_db
def test_security_headers(client, home_page):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_no_asset_comes_from_outside(client, home_page):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    for tag, attribute in (("link", "href"), ("script", "src"), ("img", "src")):
        for element in soup.find_all(tag):
            value = element.get(attribute) or ""
            assert not value.startswith(("http:", "https:", "//")), value


@override_settings(DEBUG=False)
def test_timezone_and_languages():
    assert settings.TIME_ZONE == "Europe/Warsaw"
    assert settings.USE_TZ is True
    assert [code for code, _ in settings.LANGUAGES] == ["en", "pl"]


def test_registration_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("EVENTS_REGISTRATION_LIMIT_PER_CLIENT", "0")
    monkeypatch.setenv("EVENTS_REGISTRATION_LIMIT_PER_ADDRESS", "4")
    try:
        reloaded = importlib.reload(base)
        assert reloaded.EVENTS_REGISTRATION_RATE_LIMITS["per_client"] == 0
        assert reloaded.EVENTS_REGISTRATION_RATE_LIMITS["per_address"] == 4
    finally:
        monkeypatch.undo()
        importlib.reload(base)
