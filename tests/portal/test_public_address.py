"""One public address (WAGTAILADMIN_BASE_URL) in every absolute link the
portal writes, whatever host a request came in by: calendar files and feeds,
JSON-LD, Atom, the sitemap, "add to calendar" links and account mail."""

import json
import re
import urllib.parse

import pytest
from django.contrib.sites.models import Site as DjangoSite
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Site

from events.models import EventPage
from portal import public_address
from tests.factories import DEFAULT_PASSWORD, UserFactory

BASE = "https://portal.example.gov"
# What a request through an internal address or a proxy says it is for.
INTERNAL_HOST = "127.0.0.1:8401"
NEVER = ("localhost", "127.0.0.1", "testserver", "8401", "example.com")


@pytest.fixture
def public_base(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE
    public_address.apply_public_address()
    cache.clear()
    return BASE


def assert_public(text, where):
    assert f"{BASE}/" in text, f"{where}: the public address is missing"
    for bad in NEVER:
        assert bad not in text, f"{where}: {bad!r} in an absolute link"


@pytest.mark.django_db
def test_command_applies_base_url_to_both_sites(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://intranet.example.gov:8401/"
    call_command("set_public_address", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("intranet.example.gov", 8401)
    assert site.root_url == "http://intranet.example.gov:8401"
    django_site = DjangoSite.objects.get_current()
    assert django_site.domain == "intranet.example.gov:8401"
    assert django_site.name == "Cooperation Portal"
    settings.WAGTAILADMIN_BASE_URL = BASE
    call_command("set_public_address", verbosity=0)
    site.refresh_from_db()
    assert site.root_url == BASE
    assert DjangoSite.objects.get_current().domain == "portal.example.gov"


@pytest.mark.django_db
def test_migrate_leaves_the_default_site_on_the_base_url(settings):
    # The test database was migrated with the test settings' address.
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    assert "localhost" not in site.root_url


def test_public_address_helpers(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.gov/"
    assert public_address.absolute("/events/") == "https://portal.example.gov/events/"
    assert public_address.absolute("events/") == "https://portal.example.gov/events/"
    # A full URL from elsewhere (object storage) is left alone.
    assert public_address.absolute("https://cdn.example.net/a.png") == (
        "https://cdn.example.net/a.png"
    )
    # A link built from the request's host is moved to the public address.
    assert public_address.rebase("http://127.0.0.1:8401/accounts/x/?a=1") == (
        "https://portal.example.gov/accounts/x/?a=1"
    )
    assert public_address.domain() == "portal.example.gov"


def test_every_absolute_link_uses_the_public_address(demo, client, public_base):
    event = (
        EventPage.objects.live()
        .filter(locale__language_code="en", venue_address__gt="")
        .order_by("start")
        .first()
    )
    get = {"HTTP_HOST": INTERNAL_HOST, "secure": True}

    page = client.get(event.url, **get)
    assert page.status_code == 200
    html = page.content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert_public(json.dumps(data), "JSON-LD")
    assert data["url"] == f"{BASE}{event.url}"
    assert data["image"][0].startswith(f"{BASE}/")
    # Google's and Outlook's "add to calendar" links carry the page's address.
    for service in ("calendar.google.com", "outlook.live.com"):
        link = re.search(rf'href="(https://{re.escape(service)}[^"]+)"', html)[1]
        query = urllib.parse.unquote_plus(link.replace("&amp;", "&"))
        assert f"{BASE}{event.url}" in query, service

    for path in (
        f"/events/calendar/{event.uid}.ics",
        f"/events/calendar/{event.uid}/programme.ics",
        "/events/calendar/feed.ics",
        "/pl/events/calendar/feed.ics",
        "/resources/feed.atom",
        "/sitemap.xml",
    ):
        response = client.get(path, **get)
        assert response.status_code == 200, path
        # iCalendar folds long lines: unfold before looking for addresses.
        body = response.content.decode().replace("\r\n ", "")
        assert_public(body, path)

    ics = client.get(f"/events/calendar/{event.uid}.ics", **get).content.decode()
    ics = ics.replace("\r\n ", "")
    assert f"URL:{BASE}{event.url}" in ics
    assert re.search(rf"DESCRIPTION:.*{re.escape(BASE + event.url)}", ics)
    sitemap = client.get("/sitemap.xml", **get).content.decode()
    assert f"<loc>{BASE}{event.url}</loc>" in sitemap


@pytest.mark.django_db
def test_signup_mail_is_branded_with_the_public_address(client, home_page, public_base):
    response = client.post(
        "/accounts/signup/",
        {
            "first_name": "Jan",
            "last_name": "Kowalski",
            "email": "jan.kowalski@example.org",
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
        },
        HTTP_HOST=INTERNAL_HOST,
    )
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.subject == "Confirm your email address – Cooperation Portal"
    assert "Hello from" not in message.body
    assert "The Cooperation Portal team" in message.body
    assert f"{BASE}/accounts/confirm-email/" in message.body
    assert_public(message.body, "sign-up mail")


@pytest.mark.django_db
def test_password_reset_mail_in_the_users_language(client, home_page, public_base):
    UserFactory(email="anna.nowak@example.org", preferred_language="pl")
    response = client.post(
        "/accounts/password/reset/",
        {"email": "anna.nowak@example.org"},
        HTTP_HOST=INTERNAL_HOST,
    )
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.subject == "Ustaw nowe hasło – Portal Współpracy"
    assert "Zespół serwisu Portal Współpracy" in message.body
    assert f"{BASE}/pl/" in message.body
    assert re.search(rf"{re.escape(BASE)}/accounts/password/reset/key/\S+", message.body)
    assert_public(message.body, "password reset mail")


@pytest.mark.django_db
def test_unknown_address_mail_points_to_public_signup(client, home_page, public_base):
    client.post(
        "/accounts/password/reset/", {"email": "nobody@example.org"}, HTTP_HOST=INTERNAL_HOST
    )
    message = mail.outbox[-1]
    assert message.subject == "No account with this address – Cooperation Portal"
    assert f"{BASE}/accounts/signup/" in message.body
    assert_public(message.body, "unknown account mail")


@pytest.mark.django_db
def test_directory_links_use_the_public_address(demo, client, public_base):
    """vCards, the member CSV and the HSDS API write the public address too,
    not the host the request came in by."""
    get = {"HTTP_HOST": INTERNAL_HOST, "secure": True}
    root = client.get("/directory/api/hsds/", **get).json()
    assert root["profile"].startswith(f"{BASE}/")
    assert root["openapi_url"].startswith(f"{BASE}/")
    organisations = client.get("/directory/api/hsds/organizations", **get)
    assert_public(organisations.content.decode(), "HSDS organizations")
    institution = client.get("/directory/", **get)
    slug = re.search(r'href="/directory/([a-z0-9-]+)/"', institution.content.decode())[1]
    vcard = client.get(f"/directory/{slug}.vcf", **get)
    assert vcard.status_code == 200
    card = vcard.content.decode().replace("\r\n ", "")
    for bad in NEVER:
        assert bad not in card, f"vCard: {bad!r}"
