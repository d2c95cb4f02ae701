"""Wrong passwords slow down whoever types them, from where they type them:
the owner signing in from elsewhere is not locked out, and the refusal is a
429 with a way forward."""

import pytest
from django.core.cache import cache

from portal.settings import base
from tests.factories import DEFAULT_PASSWORD

LOGIN = "/accounts/login/"
ATTACKER = "203.0.113.7"
OWNER = "198.51.100.23"


@pytest.fixture
def login_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    cache.clear()
    yield
    cache.clear()


def sign_in(client, email, password, address):
    return client.post(LOGIN, {"login": email, "password": password}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_wrong_passwords_from_one_address_do_not_lock_the_owner_out(
    client, home_page, superuser, login_limits
):
    for _attempt in range(5):
        response = sign_in(client, superuser.email, "wrong-password", ATTACKER)
        assert response.status_code == 200  # the form again, with its error

    refused = sign_in(client, superuser.email, DEFAULT_PASSWORD, ATTACKER)
    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    assert "_auth_user_id" not in client.session

    response = sign_in(client, superuser.email, DEFAULT_PASSWORD, OWNER)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(superuser.pk)


@pytest.mark.django_db
def test_one_address_guessing_many_accounts_is_slowed_down(client, home_page, user, login_limits):
    statuses = [
        sign_in(client, f"someone{n}@example.org", "wrong-password", ATTACKER).status_code
        for n in range(11)
    ]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429
    # Another address is not affected.
    assert sign_in(client, user.email, DEFAULT_PASSWORD, OWNER).status_code == 302
