"""A member's directory search with warm caches asks the shared cache (a
network round trip to Redis in production) few times: the content
generation and the directory's data version are read once per request,
with what every page reads, not again by the directory's own helper."""

import pytest
from django.core.cache import caches
from django.test import Client

from directory.choices import Visibility
from tests.directory.factories import ContactPersonFactory, InstitutionFactory

# 11 before the directory kept its values with portal.request_cache: the
# data version and the content generation were read by the view and again
# for the topic names (two round trips each time), and the generations once more
# by portal.request_cache for the rest of the page. Now 7: the
# generations with the data version and what every page reads; the topic
# names, filter counts, result page and page title; the result cards (one
# for all); what pages of the site read (settings, navigation...).
MAX_ROUND_TRIPS = 7


@pytest.fixture
def round_trips(monkeypatch):
    """Calls that reach the cache server, by name: only the outermost one
    (the local-memory backend's get_many calls its get for each key)."""
    calls = []
    depth = [0]
    backend = type(caches["default"])

    def counting(name, original):
        def call(*args, **kwargs):
            if depth[0] == 0:
                calls.append(name)
            depth[0] += 1
            try:
                return original(*args, **kwargs)
            finally:
                depth[0] -= 1

        return call

    for name in ("get", "get_many", "set", "set_many", "add", "delete", "has_key"):
        monkeypatch.setattr(backend, name, counting(name, getattr(backend, name)))
    return calls


@pytest.fixture
def offices(home_page):
    for number in range(5):
        office = InstitutionFactory(
            name=f"Border Guard Post Lublin {number}",
            city="Lublin",
            kind="police",
            phone="+48 81 111 11 11",
            phone_visibility=Visibility.MEMBERS,
        )
        ContactPersonFactory(
            institution=office,
            name=f"Anna Secretkowska {number}",
            is_focal_point=True,
            visibility=Visibility.MEMBERS,
        )


def test_a_members_search_reads_the_cache_few_times(approved_member, offices, round_trips):
    client = Client()
    client.force_login(approved_member)
    url = "/directory/?q=lublin&kind=police"
    for _warm in range(2):
        assert client.get(url).status_code == 200
    round_trips.clear()
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Anna Secretkowska 4" in page and "5 institutions" in page
    assert len(round_trips) <= MAX_ROUND_TRIPS, round_trips
