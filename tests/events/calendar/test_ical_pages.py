"""The calendar controls add a bounded number of queries to the pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import ExternalCalendarSource, ExternalEvent
from tests.events.calendar.conftest import add_session, future, make_event
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.database]


@pytest.fixture(autouse=True)
def _render_every_time(settings):
    # These tests count what rendering costs, not the anonymous page cache.
    settings.PORTAL_PAGE_CACHE = False


def count_queries(client, url):
    """Queries of a request once what the portal remembers between requests
    (per content generation) is kept again after the test's changes."""
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def add_partner_events(source, n, offset):
    for i in range(n):
        ExternalEvent.objects.create(
            source=source,
            uid=f"p{offset + i}",
            title=f"Partner {offset + i}",
            start=future(3 + i),
            end=future(3 + i, 12),
        )


def test_index_queries_do_not_grow_with_partner_events(client, event_index):
    make_event(event_index)
    source = ExternalCalendarSource.objects.create(name="IOM")
    add_partner_events(source, 2, 0)
    small = count_queries(client, event_index.url)
    add_partner_events(source, 8, 2)
    large = count_queries(client, event_index.url)
    assert large == small
    html = client.get(event_index.url).content.decode()
    assert "Partner 9" in html


def test_event_page_queries_do_not_grow_with_sessions(client, event_index):
    event = make_event(event_index, start=future(5, 9), end=future(5, 17))
    day = event.local_start.date()
    add_session(event, "One", day, datetime.time(9))
    small = count_queries(client, event.url)
    for n in range(6):
        add_session(event, f"S{n}", day, datetime.time(10 + n))
    large = count_queries(client, event.url)
    assert large == small


def test_account_page_shows_labelled_feed_address(client, event_index):
    user = UserFactory()
    client.force_login(user)
    client.post("/events/calendar/my-feed/regenerate/")
    html = client.get("/account/").content.decode()
    assert "My calendar feed" in html
    assert 'id="calendar-feed-url"' in html and 'for="calendar-feed-url"' in html
