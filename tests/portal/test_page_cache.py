"""The anonymous page cache (portal/page_cache): what it keeps, for whom, and
what makes a kept page fresh again."""

import time

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from directory.choices import Visibility
from portal.models import SiteSettings
from portal.page_cache import generations, middleware
from tests.directory.factories import ContactPersonFactory, InstitutionFactory, MembershipFactory
from tests.factories import StandardPageFactory, TopicFactory, UserFactory
from tests.portal.test_settings import PRODUCTION_ENV, run_manage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_settings(home_page):
    """Made now: the first page read would otherwise create them (a write,
    which rightly makes that first page stale at once)."""
    return SiteSettings.for_site(home_page.get_site())


@pytest.fixture
def about(home_page):
    return StandardPageFactory(parent=home_page, title="About the portal", slug="about")


def get(client, url, **extra):
    response = client.get(url, **extra)
    return response, response.content.decode()


def assert_hit(response):
    assert response.get("X-Page-Cache") == "hit", response.headers


def assert_not_from_cache(response):
    assert response.get("X-Page-Cache") != "hit", response.headers


def assert_shareable(response):
    cache_control = response["Cache-Control"]
    assert cache_control.startswith("public, max-age=0, s-maxage="), cache_control
    vary = {v.strip().lower() for v in response["Vary"].split(",")}
    assert {"cookie", "accept-language"} <= vary


def assert_private(response):
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "public" not in cache_control, cache_control
    assert "s-maxage" not in cache_control
    assert "X-Cache-Tags" not in response


def publish_title(page, title):
    page = Page.objects.get(pk=page.pk).specific
    page.title = title
    page.save_revision().publish()


# --- what is kept, and how it is marked ------------------------------------------------


def test_anonymous_page_is_served_from_the_cache_without_queries(
    client, about, django_assert_num_queries
):
    first, first_html = get(client, "/about/")
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    assert_shareable(first)
    with django_assert_num_queries(0):
        second, second_html = get(client, "/about/")
    assert_hit(second)
    assert_shareable(second)
    assert second_html == first_html and "About the portal" in second_html
    # The same Content-Security-Policy and type as the page rendered.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Content-Type"] == first["Content-Type"]


def test_s_maxage_never_exceeds_the_configured_lifetime(client, about, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 42
    response = client.get("/about/")
    max_age = int(response["Cache-Control"].rsplit("s-maxage=", 1)[1])
    assert 0 < max_age <= 42


def test_cache_can_be_switched_off(client, about, settings):
    settings.PORTAL_PAGE_CACHE = False
    client.get("/about/")
    response = client.get("/about/")
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "private, no-cache"


def test_english_polish_query_and_host_have_their_own_entries(client, about):
    client.get("/about/")
    assert_not_from_cache(client.get("/pl/about/"))
    assert_not_from_cache(client.get("/about/", HTTP_HOST="other.example.org"))
    # The query is canonical: the same parameters in another order are the same page.
    client.get("/about/?b=2&a=1")
    assert_hit(client.get("/about/?a=1&b=2"))
    assert_not_from_cache(client.get("/about/?a=1&b=3"))
    assert_not_from_cache(client.get("/about/?a=1&b=2&b=3"))


# --- never cached -----------------------------------------------------------------------


def test_logged_in_visitor_never_gets_or_fills_the_cache(client, about):
    client.get("/about/")  # cached for anonymous visitors
    member = UserFactory(email="reader@example.org")
    logged_in = Client()
    logged_in.force_login(member)
    response, html = get(logged_in, "/about/")
    assert_not_from_cache(response)
    assert response["Cache-Control"] == "private, no-store"
    assert "Log out" in html
    response, html = get(logged_in, "/about/")
    assert_not_from_cache(response)
    # Nor does the anonymous visitor see the member's page.
    cache.clear()
    get(logged_in, "/about/")
    anonymous, html = get(client, "/about/")
    assert anonymous["X-Page-Cache"] == "miss"
    assert "Log out" not in html and "reader@example.org" not in html


def test_half_logged_in_session_is_never_served_from_or_stored_in_the_cache(client, about):
    """A visitor half-way through logging in (password given, two-factor code
    pending) has allauth's state in the session."""
    client.get("/about/")
    pending = Client()
    session = pending.session
    session["account_login"] = {"state": {"email": "someone@example.org"}}
    session.save()
    response = pending.get("/about/")
    assert_not_from_cache(response)
    assert_private(response)
    cache.clear()
    response = pending.get("/about/")
    assert "X-Page-Cache" not in response
    assert client.get("/about/")["X-Page-Cache"] == "miss"


def test_stale_session_cookie_of_an_empty_session_is_anonymous(client, about):
    client.get("/about/")
    client.cookies["sessionid"] = "no-such-session"
    assert_hit(client.get("/about/"))


def test_form_with_csrf_token_is_never_shared(client, home_page):
    first = client.get("/accounts/login/")
    assert first.status_code == 200
    assert "csrfmiddlewaretoken" in first.content.decode()
    second = client.get("/accounts/login/")
    assert_private(second)
    assert "no-store" in second["Cache-Control"]


def test_response_setting_a_cookie_is_never_shared(client, about):
    client.get("/about/")
    # A request that sets the language cookie gets a redirect with a cookie...
    response = client.post("/i18n/setlang/", {"language": "pl", "next": "/about/"})
    if response.status_code != 404:
        assert_private(response)


def test_flash_message_is_never_served_from_or_stored_in_the_cache(client, about):
    client.get("/about/")
    client.cookies["messages"] = "anything"
    response = client.get("/about/")
    assert_not_from_cache(response)
    assert_private(response)


def test_other_cookies_keep_the_visitor_from_the_cache(client, about):
    """A cookie may change the page (a survey answered in this browser)."""
    client.get("/about/")
    client.cookies["survey-12"] = "answered"
    response = client.get("/about/")
    assert_not_from_cache(response)
    assert_private(response)
    # The CSRF and language cookies change nothing for an anonymous page.
    del client.cookies["survey-12"]
    client.cookies["csrftoken"] = "x" * 32
    client.cookies["django_language"] = "pl"
    assert_hit(client.get("/about/"))


def test_non_200_is_never_cached(client, home_page):
    for _ in range(2):
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        assert "X-Page-Cache" not in response
        assert response["Cache-Control"] == "private, no-cache"


def test_authorization_header_bypasses_the_cache(client, about):
    client.get("/about/")
    response = client.get("/about/", HTTP_AUTHORIZATION="Basic eDp5")
    assert_not_from_cache(response)
    assert_private(response)


def test_members_only_contact_never_reaches_anonymous_visitors(client, home_page):
    institution = InstitutionFactory(name="Labour Inspectorate Lublin", slug="pip-lublin")
    ContactPersonFactory(
        institution=institution, name="Officer Hidden", visibility=Visibility.MEMBERS
    )
    ContactPersonFactory(
        institution=institution, name="Hotline Public", visibility=Visibility.PUBLIC
    )
    membership = MembershipFactory(user=UserFactory(email="approved@example.org"))
    membership.user.groups.add(Group.objects.get(name="Members"))
    member = Client()
    member.force_login(membership.user)

    url = "/directory/pip-lublin/"
    anonymous, html = get(client, url)
    assert "Hotline Public" in html and "Officer Hidden" not in html
    response, html = get(member, url)
    assert "Officer Hidden" in html
    assert response["Cache-Control"] == "private, no-store"
    anonymous, html = get(client, url)
    assert_hit(anonymous)
    assert "Officer Hidden" not in html


# --- exact invalidation -----------------------------------------------------------------


def test_publishing_a_change_is_seen_at_once(client, about, home_page):
    client.get("/about/")
    client.get("/")
    publish_title(about, "About us")
    response, html = get(client, "/about/")
    assert response["X-Page-Cache"] == "miss" and "About us" in html
    # Other pages (navigation, listings) may show it: they are fresh too.
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_unpublishing_moving_and_deleting_a_page(client, about, home_page):
    client.get("/about/")
    Page.objects.get(pk=about.pk).unpublish()
    assert client.get("/about/").status_code == 404

    page = Page.objects.get(pk=about.pk).specific
    page.save_revision().publish()
    assert client.get("/about/").status_code == 200
    parent = StandardPageFactory(parent=home_page, title="Section", slug="section")
    client.get("/about/")
    Page.objects.get(pk=about.pk).move(parent, pos="last-child")
    # Not the cached page: gone, or a redirect to where it went.
    assert client.get("/about/").status_code in (301, 404)
    assert client.get("/section/about/").status_code == 200

    Page.objects.get(pk=about.pk).delete()
    assert client.get("/section/about/").status_code == 404


def test_polish_translation_change_is_seen_at_once(client, about, home_page, locales):
    home_page.copy_for_translation(locales["pl"]).save_revision().publish()
    polish = about.copy_for_translation(locales["pl"])
    polish.save_revision().publish()
    first, html = get(client, "/pl/about/")
    assert first.status_code == 200
    publish_title(polish, "O portalu")
    response, html = get(client, "/pl/about/")
    assert response["X-Page-Cache"] == "miss" and "O portalu" in html


def test_site_settings_change_is_seen_at_once(client, about, site_settings):
    client.get("/about/")
    site_settings.contact_address = "ul. Nowa 1, Warszawa"
    site_settings.save()
    response, html = get(client, "/about/")
    assert response["X-Page-Cache"] == "miss" and "ul. Nowa 1" in html


def test_snippet_change_is_seen_at_once(client, home_page):
    topic = TopicFactory(name="Forced begging", slug="forced-begging")
    first, html = get(client, "/topics/")
    assert first.status_code == 200 and "Forced begging" in html
    topic.name = "Forced begging and petty crime"
    topic.save()
    response, html = get(client, "/topics/")
    assert response["X-Page-Cache"] == "miss" and "petty crime" in html


def test_directory_change_is_seen_at_once(client, home_page):
    institution = InstitutionFactory(name="Border Guard Chełm", slug="sg-chelm")
    get(client, "/directory/sg-chelm/")
    assert_hit(client.get("/directory/sg-chelm/"))
    institution.phone = "+48 82 999 00 00"
    institution.save()
    response, html = get(client, "/directory/sg-chelm/")
    assert response["X-Page-Cache"] == "miss" and "999 00 00" in html
    ContactPersonFactory(institution=institution, name="Desk Officer", visibility=Visibility.PUBLIC)
    response, html = get(client, "/directory/sg-chelm/")
    assert "Desk Officer" in html
    listing, html = get(client, "/directory/")
    assert "Border Guard Chełm" in html


def test_generations_live_in_the_shared_cache(client, about):
    """Another app server bumps a generation in the shared cache (Redis in
    production): this server's next request renders the page afresh."""
    client.get("/about/")
    assert_hit(client.get("/about/"))
    cache.set(generations.key(generations.CONTENT), "bumped-by-another-server", None)
    assert client.get("/about/")["X-Page-Cache"] == "miss"
    # An evicted generation is never taken for the old one.
    cache.delete(generations.key(generations.CONTENT))
    assert client.get("/about/")["X-Page-Cache"] == "miss"


def test_a_change_of_an_unrelated_table_leaves_pages_cached(client, about):
    """Pages that never read registrations are not thrown away by them."""
    client.get("/about/")
    generations.bump(generations.SEATS)
    assert_hit(client.get("/about/"))
    assert "seats" not in client.get("/about/")["X-Cache-Tags"].split(",")


def test_page_expires_at_the_next_local_midnight_at_the_latest(client, about, monkeypatch):
    response = client.get("/about/")
    assert_shareable(response)
    later = time.time() + 24 * 3600 + 1
    monkeypatch.setattr(middleware.time, "time", lambda: later)
    assert_not_from_cache(client.get("/about/"))


# --- what rarely changes, for logged-in visitors too ------------------------------------


@pytest.fixture
def navigation(site_settings, home_page, locales):
    pages = [
        StandardPageFactory(parent=home_page, title=f"Section {n}", slug=f"section-{n}")
        for n in range(3)
    ]
    site_settings.main_navigation = [
        ("link", {"page": page, "url": "", "title": ""}) for page in pages
    ]
    site_settings.privacy_policy_page = pages[0]
    site_settings.save()
    return pages


def member_client():
    logged_in = Client()
    logged_in.force_login(UserFactory(email="navigator@example.org"))
    return logged_in


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_navigation_and_footer_cost_no_queries_once_kept(navigation, monkeypatch):
    member = member_client()
    member.get("/section-1/")
    kept, html = count_queries(member, "/section-1/")
    assert 'href="/section-2/">Section 2</a>' in html
    assert 'href="/section-1/" aria-current="page">Section 1</a>' in html
    monkeypatch.setattr(
        "portal.models.site_settings.remember", lambda name, parts, compute, tags=None: compute()
    )
    computed, html_computed = count_queries(member, "/section-1/")
    for fragment in ('href="/section-2/">Section 2</a>', 'href="/section-0/">Privacy policy</a>'):
        assert fragment in html and fragment in html_computed
    # Each link's page in the visitor's language, the privacy page's too
    # (the locales themselves are remembered: portal.request_cache).
    assert kept <= computed - 2, (kept, computed)


def test_navigation_change_is_seen_at_once_by_members(navigation, site_settings):
    member = member_client()
    assert "Section 2" in member.get("/section-1/").content.decode()
    publish_title(navigation[2], "Renamed section")
    assert "Renamed section" in member.get("/section-1/").content.decode()
    site_settings.main_navigation = [
        ("link", {"page": None, "url": "https://example.org/", "title": "Partner site"})
    ]
    site_settings.save()
    html = member.get("/section-1/").content.decode()
    assert "Partner site" in html and "Renamed section" not in html


# --- configuration ------------------------------------------------------------------------


def test_varnish_is_configured_from_the_environment():
    code = (
        "from django.conf import settings;"
        "from wagtail.contrib.frontend_cache.utils import get_backends;"
        "print(settings.PORTAL_PAGE_CACHE, settings.WAGTAILFRONTENDCACHE['varnish']['LOCATION']);"
        "print(type(get_backends()['varnish']).__name__);"
        "print('wagtail.contrib.frontend_cache' in settings.INSTALLED_APPS)"
    )
    result = run_manage(
        "shell", "-c", code, env={**PRODUCTION_ENV, "VARNISH_URL": "http://127.0.0.1:6081"}
    )
    assert result.returncode == 0, result.stderr
    assert "True http://127.0.0.1:6081" in result.stdout
    assert "VarnishBackend" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "True"
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings;print(hasattr(settings, 'WAGTAILFRONTENDCACHE'))",
        env=PRODUCTION_ENV,
    )
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_redis_cache_shares_generations_between_servers(settings, about, client):
    """Two app servers are two processes with their own connections to the
    same Redis: a bump written through one connection is read by the other."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/13").ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    from django.core.cache.backends.redis import RedisCache  # noqa: PLC0415 - only with Redis

    location = "redis://127.0.0.1:6379/13"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "page-cache-test",
        }
    }
    other_server = RedisCache(location, {"KEY_PREFIX": "page-cache-test"})
    try:
        cache.clear()
        client.get("/about/")
        assert_hit(client.get("/about/"))
        other_server.set(generations.key(generations.CONTENT), "bumped-elsewhere", None)
        assert client.get("/about/")["X-Page-Cache"] == "miss"
        assert_hit(client.get("/about/"))
    finally:
        cache.clear()


def test_pages_are_served_when_the_cache_is_down(client, about, monkeypatch):
    class Down:
        def __getattr__(self, name):
            def broken(*args, **kwargs):
                raise ConnectionError("cache down")

            return broken

    monkeypatch.setattr(middleware, "cache", Down())
    response = client.get("/about/")
    assert response.status_code == 200 and "About the portal" in response.content.decode()
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "private, no-cache"
