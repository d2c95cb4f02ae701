"""Settings shared by every environment; dev, test and production adjust them."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "portal",
    "directory",
    "events",
    "resources",
    "wagtail.contrib.forms",
    # Wagtail's images, documents, snippets and redirects apps, without the
    # API v3 (and v2) they would build in every process (portal/wagtail_apps.py).
    "portal.wagtail_apps.RedirectsConfig",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "portal.wagtail_apps.SnippetsConfig",
    "portal.wagtail_apps.DocumentsConfig",
    "portal.wagtail_apps.ImagesConfig",
    "wagtail.search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    "django_tasks",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    # Its Site (domain and name, set from WAGTAILADMIN_BASE_URL by
    # portal.public_address) is what allauth's mails and Django's Atom feeds
    # call the portal, instead of the Host header of the request.
    "django.contrib.sites",
    # runserver leaves /static/ to WhiteNoise (as production does) instead of
    # Django's static handler, which answers 500 to a path outside the folders.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "demo",
    "benchmarks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session, CSRF and messages middlewares: sees their cookies.
    "portal.page_cache.middleware.CacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Inside them: sees the session, the CSRF token and the messages a page used.
    "portal.page_cache.middleware.AnonymousPageCacheMiddleware",
    # Behind the page cache (a cached page needs none of it): the Site, the
    # locales, the settings and permissions from the cache, not the database.
    "portal.request_cache.RequestCacheMiddleware",
    "portal.middleware.AdminRequiresTwoFactorMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.middleware.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates", *sorted(BASE_DIR.glob("*/*/templates"))],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several writers at once (a registration storm): readers never wait in
    # WAL mode; writers take the lock when their transaction begins and queue
    # for it, instead of failing with "database is locked" on the way.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "portal.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Permission checks only (remembered per user, portal/request_cache.py).
    "portal.auth_backends.RememberedPermissionsBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Languages: English is the default and unprefixed, Polish lives under /pl/.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("pl", _("Polish"))]
WAGTAIL_I18N_ENABLED = True
# A new translation starts as a draft and goes through review like its source
# (portal/translation_review.py); machine pre-translation stays off unless an
# operator configures WAGTAILLOCALIZE_MACHINE_TRANSLATOR, so no text leaves
# the portal by default.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# locale_overrides/ holds better Polish for third-party apps; second, so that
# makemessages keeps writing to locale/ (see its .po header).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The anonymous page cache (portal/page_cache): pages as anonymous visitors
# see them, kept in the cache above until what they show changes, at most
# this many seconds (also their s-maxage for a shared cache in front).
PORTAL_PAGE_CACHE = env_bool("PORTAL_PAGE_CACHE", True)
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", "600"))
# Varnish in front (deploy/varnish/portal.vcl): its address, e.g.
# http://127.0.0.1:6081, to which changes are sent as PURGE and BAN.
VARNISH_URL = os.environ.get("VARNISH_URL", "")
if VARNISH_URL:
    # Wagtail purges a published or unpublished page's URLs (through a task);
    # the portal bans by tag on every change (portal.page_cache.varnish).
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "portal.page_cache.varnish.VarnishBackend",
            "LOCATION": VARNISH_URL,
        }
    }

# Background work (mail) goes through django-tasks; production swaps in the
# database backend so a failed delivery is retried instead of lost.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Cooperation Portal <portal@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Accounts (django-allauth): email is the login, verification is mandatory.
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "my_account"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "portal.forms.SignupForm"
ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # "key" is the account together with the client's address (see
    # portal.adapters): five wrong passwords slow down whoever typed them,
    # never the owner signing in from elsewhere. A refusal is a 429.
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Cooperation Portal"
# Anyone reaching the Wagtail admin must have set up two-factor authentication.
PORTAL_REQUIRE_MFA_FOR_ADMIN = env_bool("PORTAL_REQUIRE_MFA_FOR_ADMIN", True)

# Wagtail
WAGTAIL_SITE_NAME = "Cooperation Portal"
# The portal's public address: every absolute link (calendar files and feeds,
# JSON-LD, Atom, sitemap, mail) uses it; `migrate`, `seed_demo` and
# `manage.py set_public_address` apply it to the default Site.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAILIMAGES_IMAGE_MODEL = "portal.CustomImage"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "doc",
    "odt",
    "rtf",
    "txt",
    "xlsx",
    "xls",
    "ods",
    "csv",
    "pptx",
    "ppt",
    "odp",
    "mp4",
    "webm",
    "mp3",
    "zip",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("DOCUMENT_MAX_UPLOAD_MB", "25")) * 1024 * 1024
# Documents go through Django so that members-only files can be refused.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# An avatar is a picture uploaded to the portal, or else Wagtail's default
# one: asking Gravatar would tell a third party who opens the admin (and the
# security policy blocks it anyway).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_USER_EDIT_FORM = "portal.forms.WagtailUserEditForm"
WAGTAIL_USER_CREATION_FORM = "portal.forms.WagtailUserCreationForm"
WAGTAIL_USER_CUSTOM_FIELDS = ["preferred_language"]
WAGTAIL_PASSWORD_RESET_ENABLED = False

# Security headers that hold in every environment.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Served by every response; the site loads nothing from outside itself.
# Public pages run only the portal's own script files: no inline script, no
# event-handler attribute, no eval, no inline style. A template that really
# needs an inline <script> puts nonce="{{ request.csp_nonce }}" on it and the
# middleware adds that nonce to the header (portal/middleware.py).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data: blob:; media-src 'self'; "
    "style-src 'self'; script-src 'self'; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'self'; object-src 'none'"
)
# Wagtail's admin (its editors, its previews and the userbar's checks) still
# relies on inline scripts, inline styles and eval; only /admin/ gets them.
CONTENT_SECURITY_POLICY_ADMIN = (
    "default-src 'self'; img-src 'self' data: blob:; media-src 'self'; "
    "style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'self'; object-src 'none'"
)
CONTENT_SECURITY_POLICY_ADMIN_PREFIX = "/admin/"
# Browser features the site never uses are switched off for it and for
# anything it might embed; copying a calendar link needs the clipboard.
PERMISSIONS_POLICY = ", ".join(
    [
        "accelerometer=()",
        "camera=()",
        "display-capture=()",
        "geolocation=()",
        "gyroscope=()",
        "magnetometer=()",
        "microphone=()",
        "midi=()",
        "payment=()",
        "usb=()",
        "serial=()",
        "fullscreen=(self)",
        "clipboard-write=(self)",
    ]
)

PORTAL_SEED_PASSWORD = "demo-password-2026"  # noqa: S105  (public demo accounts)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# resources: uploaded documents are also checked by content (no programs, no
# HTML/SVG, content matching the extension, no scripts in PDFs) on top of the
# extension allow-list and WAGTAILDOCS_MAX_UPLOAD_SIZE above; images are
# checked for a web page hidden in them.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "resources.document_forms.SafeDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "resources.document_forms.SafeImageForm"
# Only these open in the browser; every other document is downloaded. PDFs
# are refused at upload if they carry scripts, and text cannot run any.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]

# --- events app ---------------------------------------------------------------
# Attendees' personal data is removed this many days after an event ends
# (manage.py purge_event_personal_data, run daily); anonymous counts remain.
EVENTS_PERSONAL_DATA_RETENTION_DAYS = int(
    os.environ.get("EVENTS_PERSONAL_DATA_RETENTION_DAYS", "365")
)

# Registration attempts allowed per client (IP address) and per email address
# in each window, across all events; more answer 429. Keeps the public form
# from being used to flood someone's inbox. Officers of one ministry often share
# one public address (NAT), so operators can raise the per-client number; 0
# switches a limit off (the benchmark does so for its loopback clients).
EVENTS_REGISTRATION_RATE_LIMITS = {
    "per_client": int(os.environ.get("EVENTS_REGISTRATION_LIMIT_PER_CLIENT", "30")),
    "per_address": int(os.environ.get("EVENTS_REGISTRATION_LIMIT_PER_ADDRESS", "10")),
    "window_seconds": 3600,
}

# --- training scenarios: xAPI ---------------------------------------------------
# The learning record store that receives the scenarios' xAPI statements
# (its xAPI base address, and the key and secret of its HTTP Basic login).
# Without an endpoint the statements are kept in the portal and can be
# exported as JSON lines from the scenario analytics.
XAPI_LRS_ENDPOINT = os.environ.get("XAPI_LRS_ENDPOINT", "")
XAPI_LRS_KEY = os.environ.get("XAPI_LRS_KEY", "")
XAPI_LRS_SECRET = os.environ.get("XAPI_LRS_SECRET", "")
XAPI_LRS_TIMEOUT = int(os.environ.get("XAPI_LRS_TIMEOUT", "10"))

# Answers one client (IP address, kept only as a hash with a daily salt) may send
# to one survey in a day; more answer 429. A fresh cookie does not get past it.
# Offices behind one address answer together, so operators can raise it; 0 = off.
SURVEY_ANSWER_RATE_LIMITS = {
    "per_client_per_day": int(os.environ.get("SURVEY_ANSWER_LIMIT_PER_CLIENT", "10")),
}

# Check-in opens the day before an event starts and closes this many hours
# after it ends (an event may set its own number on its attendance register).
EVENTS_CHECK_IN_CLOSES_AFTER_HOURS = int(os.environ.get("EVENTS_CHECK_IN_CLOSES_AFTER_HOURS", "12"))


# --- maps of venues -------------------------------------------------------------
# A tile server's address, e.g. https://tiles.example.org/{z}/{x}/{y}.png, turns
# on maps of event venues (portal/maps.py). Unset, no map is drawn and no page
# asks a third party for anything; the venue still gets a geo: link.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_ATTRIBUTION = os.environ.get("MAP_ATTRIBUTION", "© OpenStreetMap contributors")
if MAP_TILE_URL:
    _tiles = urlsplit(MAP_TILE_URL)
    _tile_origin = f"{_tiles.scheme}://{_tiles.netloc}"
    CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
        "img-src 'self'", f"img-src 'self' {_tile_origin}", 1
    )
