"""A user's personal data: download it, or erase it with the account
(GDPR articles 15, 17 and 20).

The account itself is described here; every app describes and erases what it
holds about the user through two hooks:

``portal_personal_data(user)``
    Returns ``(key, title, data)`` or None. ``key`` is a stable identifier
    (the app label), ``title`` a translatable heading and ``data`` plain
    JSON-serialisable data (dates as ISO strings). Never secrets: no tokens,
    password hashes or recovery codes. Queries must not grow per row (no N+1).

``portal_erase_personal_data(user)``
    Called inside the one transaction that then deletes the account. Each app
    deletes or anonymises what it holds; anonymous counts may stay. If any
    hook raises, nothing is erased.

Allauth's email addresses and two-factor authenticators are deleted with the
user by cascade.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks


def iso(value):
    """A date or datetime as an ISO string, None as None."""
    return value.isoformat() if value is not None else None


def _account(user):
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "preferred_language": user.preferred_language,
        "date_joined": iso(user.date_joined),
        "last_login": iso(user.last_login),
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "email_addresses": [
            {"email": address.email, "primary": address.primary, "verified": address.verified}
            for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
        # Which methods are set up, never their secrets or recovery codes.
        "two_factor_methods": sorted(
            set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
        ),
    }


def export_for(user):
    """Everything the portal holds about `user`, as JSON-serialisable data."""
    data = {
        "exported_at": iso(timezone.now()),
        "account": _account(user),
    }
    for describe in hooks.get_hooks("portal_personal_data"):
        section = describe(user)
        if section:
            key, title, content = section
            data[key] = {"title": str(title), "data": content}
    return data


class CannotErase(Exception):
    """The account may not be deleted here; `message` is safe to show."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def erase(user):
    """Erase the user's personal data in every app, then delete the account,
    all in one transaction."""
    if user.is_superuser:
        # So that the site never loses its last administrator by a click.
        raise CannotErase(
            _("Administrators cannot delete their own account here. Ask another administrator.")
        )
    with transaction.atomic():
        for erase_in_app in hooks.get_hooks("portal_erase_personal_data"):
            erase_in_app(user)
        user.delete()
