import os
import tempfile
from pathlib import Path

from .base import *

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / ".test-media"
# Switched on by the tests that cover it (settings fixture).
PORTAL_REQUIRE_MFA_FOR_ADMIN = False
ACCOUNT_RATE_LIMITS = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not SQLite's shared in-memory database: that one locks whole
    # tables between threads and ignores the busy timeout, so concurrency
    # tests would measure it rather than the portal. One file per run.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"portal-test-{os.getpid()}.sqlite3")
    }
XAPI_LRS_ENDPOINT = ""  # the tests that deliver run their own LRS
