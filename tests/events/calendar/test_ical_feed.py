"""The public feed of the events index."""

import gc
import weakref
from collections import OrderedDict

import pytest
from django.core.cache import cache
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from events.calendar import ical, services, views
from events.calendar.ical import event_uid
from events.choices import Audience, EventKind, EventStatus
from events.models import EventPage, ExternalCalendarSource, ExternalEvent
from tests.events.calendar.conftest import future, make_event, republish
from tests.events.factories import InstitutionFactory
from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

FEED = "/events/calendar/feed.ics"


def feed(client, query="", **headers):
    response = client.get(FEED + query, **headers)
    assert response.status_code in (200, 304), response.status_code
    return response


def summaries(response):
    return sorted(str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT"))


def test_feed_window_visibility_and_cancellations(client, event_index):
    make_event(event_index, "Upcoming public", slug="a")
    make_event(event_index, "Recent past", slug="b", start=future(-30), end=future(-30, 16))
    make_event(event_index, "Long ago", slug="c", start=future(-120), end=future(-120, 16))
    make_event(event_index, "Members meeting", slug="d", audience=Audience.MEMBERS)
    make_event(event_index, "By invitation", slug="e", audience=Audience.INVITATION)
    cancelled = make_event(event_index, "Cancelled one", slug="f", status=EventStatus.CANCELLED)
    private = make_event(event_index, "Restricted page", slug="g")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = make_event(event_index, "Draft", slug="h", publish=False)
    draft.unpublish()
    response = feed(client)
    assert response["Content-Type"] == "text/calendar; charset=utf-8; method=PUBLISH"
    assert "attachment; filename=" in response["Content-Disposition"]
    assert summaries(response) == ["Cancelled one", "Recent past", "Upcoming public"]
    calendar = Calendar.from_ical(response.content)
    statuses = {e["UID"]: e["STATUS"] for e in calendar.walk("VEVENT")}
    assert statuses[event_uid(cancelled)] == "CANCELLED"
    urls = {e["UID"]: str(e["URL"]) for e in calendar.walk("VEVENT")}
    assert urls[event_uid(cancelled)] == cancelled.get_full_url()
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Warsaw"
    body = response.content.decode()
    assert "Members meeting" not in body and "By invitation" not in body


def test_feed_honours_listing_filters(client, event_index):
    topic = TopicFactory(name="Forced begging", slug="forced-begging")
    training = make_event(event_index, "Training in Lublin", slug="a", venue_region="lubelskie")
    make_event(
        event_index,
        "Conference in Warsaw",
        slug="b",
        kind=EventKind.CONFERENCE,
        venue_region="mazowieckie",
    )
    training.topics.add(topic)
    republish(training)
    assert summaries(feed(client, "?kind=conference")) == ["Conference in Warsaw"]
    assert summaries(feed(client, "?topic=forced-begging")) == ["Training in Lublin"]
    assert summaries(feed(client, "?region=mazowieckie")) == ["Conference in Warsaw"]
    assert summaries(feed(client, "?audience=members")) == []
    assert summaries(feed(client)) == ["Conference in Warsaw", "Training in Lublin"]
    month = timezone.localtime(training.start).strftime("%Y-%m")
    assert len(summaries(feed(client, f"?month={month}"))) == 2
    assert summaries(feed(client, "?month=1999-01")) == []


def test_index_page_advertises_feed_with_current_filters(client, event_index):
    make_event(event_index)
    html = client.get(event_index.url + "?kind=training&topic=").content.decode()
    assert (
        '<link rel="alternate" type="text/calendar" href="/events/calendar/feed.ics?kind=training"'
        in html
    )
    # The subscription address is the portal's public one (test settings).
    assert "webcal://127.0.0.1:8000/events/calendar/feed.ics?kind=training" in html
    html = client.get(event_index.url).content.decode()
    assert 'type="text/calendar" href="/events/calendar/feed.ics"' in html


def test_partner_events_in_feed_and_on_index(client, event_index):
    make_event(event_index, "Our training", slug="a")
    source = ExternalCalendarSource.objects.create(name="IOM Poland")
    ExternalEvent.objects.create(
        source=source,
        uid="iom-1@example.net",
        title="IOM webinar",
        start=future(5),
        end=future(5, 12),
        url="https://iom.example.net/webinar",
    )
    calendar = Calendar.from_ical(feed(client).content)
    partner = [e for e in calendar.walk("VEVENT") if e["SUMMARY"] == "IOM webinar"]
    assert partner and partner[0]["UID"] == f"partner-{source.pk}-iom-1@example.net"
    assert partner[0]["URL"] == "https://iom.example.net/webinar"
    # Partner events have no kind or topic: a kind filter leaves them out.
    assert summaries(feed(client, "?kind=training")) == ["Our training"]
    html = client.get(event_index.url).content.decode()
    assert "Partner institutions&#x27; events" in html or "Partner institutions' events" in html
    assert "https://iom.example.net/webinar" in html
    assert "From: IOM Poland" in html


def test_http_caching_and_invalidation(client, event_index, django_assert_num_queries):
    event = make_event(event_index, "First title")
    first = feed(client)
    assert "public" in first["Cache-Control"] and "max-age" in first["Cache-Control"]
    etag = first["ETag"]
    assert feed(client, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert feed(client, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    # Served from the cache without touching the database.
    with django_assert_num_queries(0):
        assert feed(client).content == first.content
    republish(event, title="Second title")
    changed = feed(client, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert summaries(changed) == ["Second title"]
    # Unpublishing drops it too.
    event.unpublish()
    assert summaries(feed(client)) == []


def test_feed_queries_do_not_grow_with_events(client, event_index, django_assert_max_num_queries):
    topic = TopicFactory()
    for n in range(3):
        e = make_event(event_index, f"Event {n}", slug=f"small-{n}")
        e.topics.add(topic)
        e.save()

    # Both sizes measured from empty caches.
    cache.clear()
    with django_assert_max_num_queries(16) as small:
        feed(client)
    for n in range(12):
        e = make_event(event_index, f"More {n}", slug=f"big-{n}", start=future(n + 1))
        e.topics.add(topic)
        e.save()
    cache.clear()
    print("feed queries", len(small.captured_queries))
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(summaries(feed(client))) == 15


def test_a_long_feed_is_written_an_event_at_a_time(client, event_index, monkeypatch):
    topic = TopicFactory(name="Labour exploitation")
    organiser = InstitutionFactory(name="Border Guard", email="training@example.org")
    # Three events at the same hour straddle the first chunks' boundary.
    for n, day in enumerate([1, 2, 2, 2, 3, 4, 5]):
        event = make_event(event_index, f"Event {n}", slug=f"e-{n}", start=future(day))
        event.topics.add(topic)
        event.organisers.add(organiser)
        event.save()
    whole = feed(client).content

    monkeypatch.setattr(views, "FEED_CHUNK", 2)
    alive = []
    written = []

    def event_component(event, url, **kwargs):
        written.append(weakref.ref(event))
        alive.append(sum(ref() is not None for ref in written))
        return original(event, url, **kwargs)

    original = ical.event_component
    monkeypatch.setattr(ical, "event_component", event_component)
    cache.clear()
    # Only what the feed itself lets go is freed.
    gc.disable()
    try:
        chunked = feed(client).content
    finally:
        gc.enable()
    # The same file, byte for byte (and so the same ETag): every event once,
    # in order, with its topics and organiser.
    assert chunked == whole
    events = Calendar.from_ical(chunked).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [f"Event {n}" for n in range(7)]
    assert all("Labour exploitation" in e["CATEGORIES"].to_ical().decode() for e in events)
    assert {str(e["ORGANIZER"]) for e in events} == {"mailto:training@example.org"}
    # Never more than the page being written and the one before it in memory.
    assert len(written) == 7
    assert max(alive) <= 2


def test_feed_in_polish_uses_polish_index(client, event_index):
    response = client.get("/pl" + FEED)
    # No Polish index in this test: the default one answers.
    assert response.status_code == 200
    assert Calendar.from_ical(response.content)["VERSION"] == "2.0"


def test_head_requests_are_answered(client, event_index):
    make_event(event_index)
    response = client.head(FEED)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8; method=PUBLISH"
    assert client.post(FEED).status_code == 405


def test_a_repeated_feed_is_not_fetched_again_from_the_shared_cache(
    client, event_index, monkeypatch
):
    make_event(event_index, "Upcoming public")
    first = feed(client)
    asked = []
    real_get = views.cache.get
    monkeypatch.setattr(
        views.cache, "get", lambda key, *a, **kw: asked.append(key) or real_get(key, *a, **kw)
    )
    again = feed(client)
    assert again.content == first.content
    # Only the calendar version is asked for; the half-megabyte body is not.
    calendars = [key for key in asked if str(key).startswith("events:calendar:")]
    assert calendars == [services.VERSION_KEY]


def test_a_change_made_on_another_server_is_served_at_once(client, event_index):
    event = make_event(event_index, "First title")
    assert summaries(feed(client)) == ["First title"]
    # Another server saves the change and bumps the shared calendar version;
    # nothing happens in this process.
    EventPage.objects.filter(pk=event.pk).update(title="Second title")
    cache.incr(services.VERSION_KEY)
    assert summaries(feed(client)) == ["Second title"]


def test_the_calendars_a_process_keeps_stay_within_their_bound(client, event_index, monkeypatch):
    make_event(event_index, "Training in Lublin", venue_region="lubelskie")
    monkeypatch.setattr(views, "_served", OrderedDict())
    size = len(feed(client).content)
    (unfiltered,) = views._served
    monkeypatch.setattr(views, "SERVED_MAX_BYTES", size + 1)
    for kind in ("training", "conference", "workshop", "webinar", "meeting"):
        feed(client, f"?kind={kind}")
    kept = sum(len(entry["body"]) for entry in views._served.values())
    assert 0 < kept <= size + 1
    # The oldest went first.
    assert unfiltered not in views._served
