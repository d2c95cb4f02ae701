"""When the shared cache (Redis in production) is down, the directory's
pages are computed from the database, as the portal's other pages are: a visitor
sees the list, its filter counts, an institution and the help page, never an
error."""

import sys

import pytest
from django.core.cache import cache
from django.test import Client
from wagtail.models import Site

from directory.choices import Visibility
from directory.models import Institution
from portal.models.site_settings import SiteSettings
from tests.directory.factories import ContactPersonFactory, InstitutionFactory

# The project's own modules: Wagtail's (e.g. its site root paths) read the
# cache without a fallback, which no page of the portal can do without.
PROJECT = ("portal", "directory", "events", "resources")


class Down:
    def __getattr__(self, name):
        def broken(*args, **kwargs):
            raise ConnectionError("cache down")

        return broken


@pytest.fixture
def office(home_page):
    institution = InstitutionFactory(
        name="Border Guard Post Lublin",
        slug="bg-post-lublin",
        city="Lublin",
        kind="police",
        phone="+48 81 111 11 11",
        phone_visibility=Visibility.MEMBERS,
        hotline="+48 800 222 222",
    )
    ContactPersonFactory(
        institution=institution,
        name="Anna Secretkowska",
        is_focal_point=True,
        visibility=Visibility.MEMBERS,
    )
    ContactPersonFactory(
        institution=institution,
        name="Piotr Publiczny",
        is_focal_point=True,
        visibility=Visibility.PUBLIC,
    )
    InstitutionFactory(name="Gdańsk Shelter", city="Gdańsk", kind="ngo")
    return institution


@pytest.fixture
def cache_down(monkeypatch, settings, home_page):
    settings.PORTAL_PAGE_CACHE = False
    # Created by the first page a site shows: a write, which announces
    # itself through the cache (and fails while it is down, as any change).
    SiteSettings.for_site(Site.objects.get(is_default_site=True))

    down = Down()
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] in PROJECT and getattr(module, "cache", None) is cache:
            monkeypatch.setattr(module, "cache", down)


@pytest.fixture
def member_client(approved_member):
    client = Client()
    client.force_login(approved_member)
    return client


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
def test_directory_pages_answer_while_the_cache_is_down(
    client, member_client, office, cache_down, viewer
):
    client = member_client if viewer == "member" else client
    everyone = f"{Institution.objects.count()} institutions"
    pages = {
        "/directory/": ["Border Guard Post Lublin", "Gdańsk Shelter", everyone],
        "/directory/?q=lublin&kind=police": ["Border Guard Post Lublin", "1 institution"],
        "/directory/bg-post-lublin/": ["Border Guard Post Lublin", "Piotr Publiczny"],
        "/help/": ["+48 800 222 222"],
        "/help/uk/": ["+48 800 222 222"],
    }
    for url, texts in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        for text in texts:
            assert text in page, (url, text)
        assert "Gdańsk Shelter" not in page or url == "/directory/", url
        # Members-only data still only for members.
        if url != "/help/" and url != "/help/uk/":
            assert ("Anna Secretkowska" in page) == (viewer == "member"), url


def test_filter_counts_are_counted_while_the_cache_is_down(client, office, cache_down):
    response = client.get("/directory/?kind=police")
    assert response.status_code == 200
    facets = response.context["facets"]
    kinds = {option["value"]: option["count"] for option in facets["kind"]["options"]}
    assert kinds["police"] == 1 and kinds["ngo"] == 1
