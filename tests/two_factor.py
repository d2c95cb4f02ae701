"""Signing in a test user as allauth does after a code from an authenticator app."""

import time

from allauth.mfa.models import Authenticator


def sign_in_with_two_factors(client, user):
    """The user has an app, and this session's login used it: allauth records
    each step of a login in the session, the code from the app as "mfa"."""
    authenticator, _created = Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "x"}}
    )
    client.force_login(user)
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "email": user.email},
        {"method": "mfa", "at": time.time(), "id": authenticator.pk, "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
