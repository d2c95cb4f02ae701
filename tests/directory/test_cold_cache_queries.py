"""The directory's first requests after the cache is emptied (which every
change of the directory or publication amounts to) stay within a bound, with
the demo and with more institutions, topics and people: the list, an
institution page and a member's filtered search. The page cache is on, as in
production."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.portal.test_query_budget import grow

# Queries of the first request (they were 17, 23 and 21 before the facets
# came from one query and the resources section from two).
BOUNDS = {
    "directory list": 14,
    "institution page": 19,
    "member's search": 18,
}
PATHS = {
    "directory list": "/directory/",
    "institution page": "/directory/ministry-interior/",
    "member's search": "/directory/?language=uk&q=centre",
}


@pytest.fixture
def cold_site(demo, settings):
    settings.PORTAL_PAGE_CACHE = True


def first_request(client, path):
    assert client.get(path).status_code == 200, path
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries.captured_queries)


def cold_counts():
    member = Client()
    member.force_login(get_user_model().objects.get(email="member@example.org"))
    clients = {"directory list": Client(), "institution page": Client(), "member's search": member}
    return {name: first_request(clients[name], path) for name, path in PATHS.items()}


def test_first_directory_requests_after_the_cache_is_emptied(cold_site):
    found = cold_counts()
    assert all(found[name] <= BOUNDS[name] for name in BOUNDS), found


def test_first_directory_requests_with_more_data(cold_site):
    grow()
    found = cold_counts()
    assert all(found[name] <= BOUNDS[name] for name in BOUNDS), found
