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
        response = self.get_response(request)
        is_preview = (
            getattr(request, "is_dummy", False)
            or getattr(request, "is_preview", False)
            or response.get("X-Frame-Options") == "SAMEORIGIN"
        )
        for header, setting in self.HEADERS.items():
            policy = getattr(settings, setting, "")
            if policy and header not in response:
                if is_preview and header == "Content-Security-Policy":
                    policy = framed_by_site_itself(policy)
                response[header] = policy
        if is_preview:
            # Django's clickjacking middleware keeps a header already set.
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response


def framed_by_site_itself(policy):
    """The policy with `frame-ancestors 'self'` in place of its own."""
    directives = [
        directive.strip()
        for directive in policy.split(";")
        if directive.strip() and directive.split()[0] != "frame-ancestors"
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
