import secrets

from django.conf import settings
from django.db import OperationalError
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from portal.two_factor import two_factor_redirect


class AdminRequiresTwoFactorMiddleware:
    """Send anyone without an authenticator app to set one up before the admin
    (and anyone whose session has not used it to enter a code).

    Editors, organisers and moderators can see personal data and publish on
    behalf of public bodies; a password alone is not enough for that.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/"):
            refusal = two_factor_redirect(
                request,
                _("Set up two-factor authentication before you open the administration."),
            )
            if refusal:
                return refusal
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Adds the Content-Security-Policy and Permissions-Policy headers
    (Django 5.2 has no built-in ones).

    Public pages get the strict policy (CONTENT_SECURITY_POLICY): scripts and
    styles only from the portal's own files. Wagtail's admin needs inline
    scripts, inline styles and eval, so paths under
    CONTENT_SECURITY_POLICY_ADMIN_PREFIX get CONTENT_SECURITY_POLICY_ADMIN.

    Every request carries `request.csp_nonce`, made only when a template
    asks for it (`<script nonce="{{ request.csp_nonce }}">`); the header then
    allows scripts with that nonce. Responses that never use it stay
    byte-for-byte cacheable.

    No other site may frame the portal, and the portal frames only its own
    previews: the admin's live preview panel and the moderator's preview show
    a page inside the editing screen. A preview is a response to the request
    Wagtail makes up to render one (`is_dummy`, `is_preview`; `Page.serve`
    resets the latter), or one of Wagtail's preview views (they mark their
    responses `X-Frame-Options: SAMEORIGIN`, e.g. "preview not available"
    while the form has errors).
    """

    HEADERS = {
        "Content-Security-Policy": "CONTENT_SECURITY_POLICY",
        "Permissions-Policy": "PERMISSIONS_POLICY",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        nonce = LazyNonce()
        request.csp_nonce = nonce
        response = self.get_response(request)
        is_preview = (
            getattr(request, "is_dummy", False)
            or getattr(request, "is_preview", False)
            or response.get("X-Frame-Options") == "SAMEORIGIN"
        )
        for header, setting in self.HEADERS.items():
            if header in response:
                continue
            if header == "Content-Security-Policy":
                policy = self.content_security_policy(request, nonce, is_preview=is_preview)
            else:
                policy = getattr(settings, setting, "")
            if policy:
                response[header] = policy
        if is_preview:
            # Django's clickjacking middleware keeps a header already set.
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    @staticmethod
    def content_security_policy(request, nonce, *, is_preview):
        policy = settings.CONTENT_SECURITY_POLICY
        prefix = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN_PREFIX", "/admin/")
        if request.path.startswith(prefix):
            policy = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", policy)
        if not policy:
            return ""
        if nonce.used:
            policy = with_script_nonce(policy, str(nonce))
        if is_preview:
            policy = framed_by_site_itself(policy)
        return policy


class LazyNonce:
    """A per-request random nonce, made the first time a template prints it."""

    def __init__(self):
        self._value = None

    @property
    def used(self):
        return self._value is not None

    def __str__(self):
        if self._value is None:
            self._value = secrets.token_urlsafe(18)
        return self._value

    def __html__(self):
        return str(self)

    def __bool__(self):
        return True


def _directives(policy):
    return [directive.strip() for directive in policy.split(";") if directive.strip()]


def with_script_nonce(policy, nonce):
    """The policy with `'nonce-…'` added to script-src (added as a directive
    of its own when the policy has none)."""
    source = f"'nonce-{nonce}'"
    directives = _directives(policy)
    for index, directive in enumerate(directives):
        if directive.split()[0] == "script-src":
            directives[index] = f"{directive} {source}"
            break
    else:
        directives.append(f"script-src 'self' {source}")
    return "; ".join(directives)


def framed_by_site_itself(policy):
    """The policy with `frame-ancestors 'self'` in place of its own."""
    directives = [
        directive for directive in _directives(policy) if directive.split()[0] != "frame-ancestors"
    ]
    return "; ".join([*directives, "frame-ancestors 'self'"])


class DatabaseBusyMiddleware:
    """A write that waited too long for the database's lock is refused with
    "busy, please try again" (503), not a server error. SQLite (development,
    the demo) lets one writer in at a time and the others wait their turn
    (see the settings); PostgreSQL may give up on a lock or a deadlock. The
    transaction was rolled back, so sending the form again is safe."""

    BUSY = (
        "database is locked",
        "database table is locked",
        "deadlock detected",
        "could not obtain lock",
        "lock timeout",
    )
    RETRY_AFTER_SECONDS = 5

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError):
            return None
        message = str(exception).lower()
        if not any(busy in message for busy in self.BUSY):
            return None
        response = TemplateResponse(request, "503.html", status=503).render()
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        return response
