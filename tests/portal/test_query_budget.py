"""The portal's own pages stay within a dozen queries or so, for every kind of
visitor, whatever the amount of data: the home page in both languages, site
search, standard pages, topics and the account pages."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from directory.models import Institution
from events.models import EventIndexPage
from portal.models import HomePage, StandardPage, Topic
from resources.models import MaterialIndexPage, StudyVisitIndexPage
from tests.directory.factories import ContactPersonFactory, InstitutionFactory
from tests.events.factories import EventImageFactory, EventPageFactory, RegistrationFactory
from tests.factories import StandardPageFactory
from tests.resources.factories import MaterialPageFactory, StudyVisitPageFactory

BUDGET = 15
ROLES = ["anonymous", "member", "organiser", "editor"]
SIGNED_IN = ROLES[1:]
MORE = 40


PAGES = [
    ("/", ROLES),
    ("/pl/", ROLES),
    ("/search/?q=border", ROLES),
    ("/search/?q=granica", ROLES),
    ("/search/?q=border&page=2", ROLES),
    ("/about/", ROLES),
    ("/pl/o-portalu/", ROLES),
    ("/topics/", ROLES),
    ("/topics/{topic}/", ROLES),
    ("/pl/topics/{topic}/", ROLES),
    ("/account/delete/", SIGNED_IN),
]


@pytest.fixture
def visitors(demo, settings):
    """A client per role, each having seen the page once (caches warm, as
    on a running server); the anonymous page cache is off, so that an
    anonymous visitor's page is rendered each time."""
    settings.PORTAL_PAGE_CACHE = False
    users = get_user_model().objects
    clients = {"anonymous": Client()}
    for role in SIGNED_IN:
        clients[role] = Client()
        clients[role].force_login(users.get(email=f"{role}@example.org"))
    return clients


def topic_slug():
    return Topic.objects.filter(locale__language_code="en").order_by("pk").first().slug


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries.captured_queries), [query["sql"] for query in queries.captured_queries]


def counts(visitors, url, roles):
    return {role: count(visitors[role], url) for role in roles}


def grow():
    """MORE of everything the pages list or search, with their relations:
    events (with registrations), materials, study visits, standard pages,
    institutions with contacts, all on a topic and matching the searches."""
    english = Locale.objects.get(language_code="en")
    topics = list(Topic.objects.filter(locale=english).order_by("pk")[:2])
    home = HomePage.objects.get(locale=english)
    about = StandardPage.objects.get(locale=english, slug="about")
    events = EventIndexPage.objects.get(locale=english)
    materials = MaterialIndexPage.objects.get(locale=english)
    visits = StudyVisitIndexPage.objects.get(locale=english)
    start = timezone.now() + datetime.timedelta(days=3)
    picture = EventImageFactory()
    for n in range(MORE):
        event = EventPageFactory(
            parent=events,
            image=picture,
            title=f"Border guard training {n}",
            start=start + datetime.timedelta(days=n),
            end=start + datetime.timedelta(days=n, hours=6),
        )
        event.topics.set(topics)
        RegistrationFactory(event=event)
        material = MaterialPageFactory(parent=materials, title=f"Border checks guide {n}")
        material.topics.set(topics)
        visit = StudyVisitPageFactory(parent=visits, title=f"Border study visit {n}")
        visit.topics.set(topics)
        StandardPageFactory(parent=about, title=f"Border cooperation note {n}", show_in_menus=True)
        StandardPageFactory(parent=home, title=f"Granica {n}")
        institution = InstitutionFactory(name=f"Border office {n}", competences=topics)
        ContactPersonFactory(institution=institution)
    assert Institution.objects.count() >= MORE


@pytest.mark.parametrize(("url", "roles"), PAGES)
def test_pages_stay_within_the_budget_whatever_the_data(visitors, url, roles):
    url = url.format(topic=topic_slug())
    before = counts(visitors, url, roles)
    over = {role: found for role, found in before.items() if found[0] > BUDGET}
    assert not over, over
    grow()
    after = counts(visitors, url, roles)
    assert {role: found[0] for role, found in after.items()} == {
        role: found[0] for role, found in before.items()
    }, {role: after[role][1] for role in roles if after[role][0] != before[role][0]}


def test_my_account_stays_within_the_budget(visitors):
    found = counts(visitors, "/account/", SIGNED_IN)
    assert all(number <= BUDGET for number, _sql in found.values()), {
        role: number for role, (number, _sql) in found.items()
    }


def test_my_account_costs_the_same_whatever_the_data(visitors):
    before = counts(visitors, "/account/", SIGNED_IN)
    grow()
    after = counts(visitors, "/account/", SIGNED_IN)
    assert {role: n for role, (n, _) in after.items()} == {
        role: n for role, (n, _) in before.items()
    }


def test_baseline_of_a_signed_in_request(visitors):
    """A member's request costs its session and its user, nothing more,
    before the page does anything: the Site, the locales, the settings,
    the permissions and the view restrictions come from the cache."""
    number, sql = count(visitors["member"], "/about/")
    tables = " ".join(sql)
    for table in (
        "wagtailcore_site",
        "wagtailcore_locale",
        "portal_sitesettings",
        "auth_permission",
        "wagtailcore_pageviewrestriction",
    ):
        assert f'"{table}"' not in tables, table
    # Session, user; the page's route (child, specific page).
    assert number <= 4, sql


def test_editors_userbar_costs_no_query_once_kept(visitors):
    number, sql = count(visitors["editor"], "/about/")
    assert "wagtail-userbar" in visitors["editor"].get("/about/").content.decode()
    tables = " ".join(sql)
    for table in ("wagtailcore_grouppagepermission", "wagtailusers_userprofile", "auth_permission"):
        assert f'"{table}"' not in tables, table
    assert number <= 4, sql
