from .base import *

DEBUG = True
SECRET_KEY = "dev-only-secret-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# The demo can be explored at once; production and the tests that cover it
# require two-factor authentication before the admin.
PORTAL_REQUIRE_MFA_FOR_ADMIN = env_bool("PORTAL_REQUIRE_MFA_FOR_ADMIN", False)
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
