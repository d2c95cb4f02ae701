"""What every page reads first after the cache is emptied (its Site, the
root pages, the settings, the locales, the view restrictions, the route to
the page) costs few queries, and gives what Wagtail's own lookups give."""

import pytest
from django.core.cache import cache
from django.test import Client
from wagtail.models import Page, PageViewRestriction, Site

from portal import request_cache
from portal.models import SiteSettings
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PORTAL_PAGE_CACHE = False


def test_the_site_its_root_pages_and_settings_are_one_query(
    home_page, site_settings, locales, django_assert_num_queries
):
    home_page.specific_class  # noqa: B018 - content types are warm on a running server
    cache.clear()
    with django_assert_num_queries(1):
        site = request_cache._find_site("localhost", 80)
        settings = SiteSettings.for_site(site)
    assert site == Site.objects.get(is_default_site=True)
    assert type(site.root_page) is type(home_page) and site.root_page.pk == home_page.pk
    assert site.root_page.hero_title == home_page.hero_title
    assert settings.pk == site_settings.pk
    assert settings.organisation_name == site_settings.organisation_name
    # The page cache's next scheduled change came with them.
    from django.utils import timezone  # noqa: PLC0415

    from portal.page_cache import generations, schedule  # noqa: PLC0415

    now = timezone.now().timestamp()
    with django_assert_num_queries(0):
        assert schedule.next_change(now, generations.current()[generations.SCHEDULE]) > now
        assert site.root_page.locale.language_code == "en"
        assert site.root_page.localized.pk == home_page.pk


def test_the_site_wagtail_would_choose(home_page, site_settings):
    other = Site.objects.create(hostname="other.example.org", port=80, root_page=home_page)
    cache.clear()
    assert request_cache._find_site("other.example.org", 80) == other
    assert request_cache._find_site("unknown.example.org", 80) == Site.objects.get(
        is_default_site=True
    )
    assert Site.get_site_root_paths() == Site.get_site_root_paths()  # kept as Wagtail's


def test_locales_and_view_restrictions_are_one_query(about, django_assert_num_queries):
    PageViewRestriction.objects.create(page=about, restriction_type="login")
    alias = about.create_alias(update_slug="about-alias")
    cache.clear()
    with django_assert_num_queries(1):
        found = request_cache.locales()
        restricted, aliases = request_cache.restriction_paths()
    assert sorted(found) == ["en", "pl"]
    assert found["pl"].pk == request_cache.Locale.objects.get(language_code="pl").pk
    # (Wagtail gives the alias the restrictions of its source.)
    expected = sorted({r.page.path for r in PageViewRestriction.objects.select_related("page")})
    assert about.path in restricted and restricted == expected
    assert aliases == [alias.path]


def test_a_page_below_the_home_page_is_routed_in_one_query(
    about, client, django_assert_num_queries
):
    assert client.get("/about/").status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.root_page = site.root_page.specific
    request = Client().get("/about/").wsgi_request
    request._wagtail_site = site
    with django_assert_num_queries(1):
        page, _args, _kwargs = site.root_page.route(request, ["about"])
    assert type(page) is type(about) and page.pk == about.pk
    assert page.get_parent().pk == site.root_page.pk


def test_routing_still_refuses_what_wagtail_refuses(about, home_page, client):
    draft = StandardPageFactory(parent=home_page, title="Draft", slug="draft")
    draft.unpublish()
    plain = home_page.add_child(instance=Page(title="Plain", slug="plain"))
    assert client.get("/draft/").status_code == 404
    assert client.get("/nowhere/").status_code == 404
    assert client.get("/about/nowhere/").status_code == 404
    assert client.get("/plain/").status_code in (200, 404)  # Wagtail's own answer
    assert client.get("/plain/").status_code == _wagtail_status(plain)


def _wagtail_status(page):
    from django.http import Http404  # noqa: PLC0415

    try:
        Page.route(page.get_parent(), None, [page.slug])
    except Http404:
        return 404
    return 200
