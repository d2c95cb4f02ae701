"""Two factors wherever personal data is: attendees, members, survey respondents.

The rule follows the data, not the URL: the Wagtail admin is covered by
`AdminRequiresTwoFactorMiddleware`, and every view elsewhere that shows or
changes such data wears `requires_two_factor` (functions) or
`TwoFactorRequiredMixin` (classes), which also mark it so a test can prove
that no such view was forgotten.

Two factors means: the user has an authenticator app, and this session was
opened (or confirmed) with it, as allauth records after a code is entered.
"""

from functools import wraps

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.conf import settings
from django.contrib import messages
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _


def has_authenticator(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def session_used_two_factors(request):
    return any(
        record.get("method") == "mfa"
        for record in get_authentication_records(request, request.user)
    )


def two_factor_redirect(request, setup_message=None):
    """None when the request may go on; otherwise where to set up or enter a code."""
    if not settings.PORTAL_REQUIRE_MFA_FOR_ADMIN or not request.user.is_authenticated:
        return None
    next_query = urlencode({"next": request.get_full_path()})
    if not has_authenticator(request.user):
        messages.warning(
            request,
            setup_message
            or _("Set up two-factor authentication before you see or change personal data."),
        )
        return redirect(f"{reverse('mfa_activate_totp')}?{next_query}")
    if not session_used_two_factors(request):
        messages.info(request, _("Enter a code from your authenticator app to continue."))
        return redirect(f"{reverse('mfa_reauthenticate')}?{next_query}")
    return None


def requires_two_factor(view):
    """For a view function that shows or changes attendee, member or respondent data.
    Visitors who are not signed in go on to the view, which refuses them its own way."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return two_factor_redirect(request) or view(request, *args, **kwargs)

    wrapper.requires_two_factor = True
    return wrapper


class TwoFactorRequiredMixin:
    """The class-based form of `requires_two_factor`; put it first among the bases."""

    requires_two_factor = True

    def dispatch(self, request, *args, **kwargs):
        return two_factor_redirect(request) or super().dispatch(request, *args, **kwargs)


def is_marked(view):
    """Whether a resolved URL's view function demands two factors."""
    view_class = getattr(view, "view_class", None)  # set by as_view()
    return bool(
        getattr(view, "requires_two_factor", False)
        or getattr(view_class, "requires_two_factor", False)
    )


@receiver(authenticator_added)
def count_activation_as_two_factors(sender, request, user, authenticator, **kwargs):
    # Activating the app means entering a valid code from it: the session
    # has shown both factors, as after a login with a code.
    # The record is the one allauth writes after a login with a code.
    if request is None or authenticator.type != Authenticator.Type.TOTP:
        return
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
