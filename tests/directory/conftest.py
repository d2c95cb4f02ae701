import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from tests.directory.factories import MembershipFactory
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    """Cached filter counts must not leak from one test's data into another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def approved_member(db):
    """A verified user with an approved membership of an institution."""
    membership = MembershipFactory(user=UserFactory(email="approved@example.org"))
    membership.user.groups.add(Group.objects.get(name="Members"))
    return membership.user


@pytest.fixture
def unverified(db):
    """Signed in, but has not verified their email (even with a membership)."""
    membership = MembershipFactory(user=UserFactory(email="unverified@example.org", verified=False))
    return membership.user


@pytest.fixture
def viewers(db, approved_member, unverified, moderator):
    """One logged-in client per kind of viewer in the privacy matrix."""
    clients = {"anonymous": Client()}
    for name, user in (
        ("unverified", unverified),
        ("member", approved_member),
        ("moderator", moderator),
    ):
        client = Client()
        client.force_login(user)
        clients[name] = client
    return clients
