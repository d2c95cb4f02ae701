"""Queries per events page, for every role, whatever the amount of data.

Each page is requested once (warming the low-level caches), then counted on a
second request; then the data grows (40 more events with organisers, topics,
languages, agenda, registrations) and the count must not change.

What every page of the portal spends before it does anything (finding the
site and the page in the tree, the session, the user and their permissions,
navigation and footer) is the portal's shared baseline, measured here on a
standard page at the same depth for the same visitor; the events pages' own
work stays within PAGE_SPECIFIC of it. The whole page's budget (15) is
checked too; it holds once the shared baseline is cut (the portal's side of
the same work)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from directory.models import Institution
from events import services
from portal.models import Language, SiteSettings
from tests.events.conftest import person
from tests.events.factories import EventPageFactory, in_days
from tests.factories import StandardPageFactory, TopicFactory

pytestmark = pytest.mark.django_db

PAGE_SPECIFIC = 10
BUDGET = 15
ROLES = ("anonymous", "member", "organiser", "editor")


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # Anonymous pages are counted as first rendered, not from the page cache.
    settings.PORTAL_PAGE_CACHE = False


@pytest.fixture
def site(events_index, locales):
    """An event with everything a page lists, its Polish translation, and a
    standard page at each depth for the baseline."""
    home = events_index.get_parent().specific
    # Made now: the first page read would create them (a write, which
    # starts a new content generation).
    SiteSettings.for_site(home.get_site())
    institution = Institution.objects.create(name="Border Guard Chełm", slug="sg-chelm")
    topic = TopicFactory(name="Labour exploitation", slug="labour-exploitation")
    language = Language.objects.order_by("code").first()
    event = EventPageFactory(
        parent=events_index, title="Workshop", slug="workshop", start=in_days(5), end=in_days(5, 16)
    )
    _relate(event, institution, topic, language)
    study_visit = EventPageFactory(
        parent=events_index, title="Study visit", slug="study-visit", kind="study_visit"
    )
    _relate(study_visit, institution, topic, language)
    polish = event.copy_for_translation(locales["pl"], copy_parents=True)
    polish.save_revision().publish()
    services.register(event, person(1))
    about = StandardPageFactory(parent=home, title="About", slug="about")
    team = StandardPageFactory(parent=about, title="Team", slug="team")
    polish_team = team.copy_for_translation(locales["pl"], copy_parents=True)
    polish_team.save_revision().publish()
    return {
        "events_index": events_index,
        "event": event,
        "polish": polish,
        "polish_team": polish_team,
    }


def _relate(event, institution, topic, language):
    event.organisers.add(institution)
    event.topics.add(topic)
    if language is not None:
        event.languages.add(language)
    event.sessions.create(title="Opening", day=event.start.date(), start_time="09:00")
    event.save_revision().publish()


def grow(site, n=40):
    """40 more events, each with its own organiser, topic, agenda and
    registrations; every one of them upcoming and listed."""
    for i in range(n):
        institution = Institution.objects.create(name=f"Institution {i}", slug=f"institution-{i}")
        topic = TopicFactory()
        event = EventPageFactory(
            parent=site["events_index"],
            start=in_days(1 + i % 20),
            end=in_days(1 + i % 20, 18),
            venue_region=f"region {i % 7}",
        )
        _relate(event, institution, topic, None)
        for k in range(3):
            services.register(event, person(1000 * (i + 1) + k))
    for k in range(2, 30):
        services.register(site["event"], person(k))


def client_for(role, request):
    client = Client()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


PAGES = {
    # page: (url of the page, url of a standard page at the same depth)
    "events index": (lambda s: "/events/", lambda s: "/about/"),
    "events index, past": (lambda s: "/events/?when=past", lambda s: "/about/"),
    "event": (lambda s: s["event"].url, lambda s: "/about/team/"),
    "registration form": (lambda s: s["event"].url + "register/", lambda s: "/about/team/"),
    "study visit": (lambda s: "/events/study-visit/", lambda s: "/about/team/"),
    "Polish event": (lambda s: s["polish"].url, lambda s: s["polish_team"].url),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(PAGES))
def test_events_pages_do_bounded_work_whatever_the_data(page, role, site, request):
    url, baseline_url = (f(site) for f in PAGES[page])
    client = client_for(role, request)
    before = count(client, url)
    baseline = count(client, baseline_url)
    assert before - baseline <= PAGE_SPECIFIC, (page, role, before, baseline)
    grow(site)
    assert count(client, url) == before, (page, role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(PAGES))
def test_events_pages_within_the_whole_budget(page, role, site, request):
    url = PAGES[page][0](site)
    assert count(client_for(role, request), url) <= BUDGET
