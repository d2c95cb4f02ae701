import datetime
import zoneinfo

import pytest
from django.core.cache import cache
from django.utils import translation

from events.models import EventIndexPage, EventPage, EventSession

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    # Messages are asserted in English; a previous test may leave Polish active.
    with translation.override("en"):
        yield
    cache.clear()


@pytest.fixture
def event_index(home_page):
    index = EventIndexPage(title="Events", slug="events")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def future(days, hour=10, zone=WARSAW):
    day = datetime.date.today() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=zone)


def make_event(
    index, title="Identification of victims", *, start=None, end=None, publish=True, **fields
):
    start = start or future(10)
    end = end or start + datetime.timedelta(hours=6)
    defaults = {
        "slug": fields.pop("slug", None) or f"ev-{EventPage.objects.count() + 1}",
        "title": title,
        "start": start,
        "end": end,
        "venue_name": "Training centre",
        "venue_city": "Lublin",
        "introduction": "A training for officers.",
    }
    defaults.update(fields)
    event = EventPage(**defaults)
    index.add_child(instance=event)
    if publish:
        event.save_revision().publish()
        event.refresh_from_db()
    return event


def add_session(event, title, day, start, end=None):
    session = EventSession(event=event, title=title, day=day, start_time=start, end_time=end)
    session.save()
    return session


@pytest.fixture
def event(event_index):
    return make_event(event_index)


def republish(event, **changes):
    """Edit and publish as the admin does: from a fresh copy of the page
    (services update `sequence` behind the in-memory instance's back)."""
    event.refresh_from_db()
    for name, value in changes.items():
        setattr(event, name, value)
    event.save_revision().publish()
    event.refresh_from_db()
    return event


@pytest.fixture(autouse=True)
def _run_on_commit_at_once():
    """Overrides the events tests' fixture of this name (tests/events/conftest.py
    on the events branch), which runs on_commit callbacks inside the
    transaction. The calendar tests deliver mail when the transaction would
    commit (django_capture_on_commit_callbacks), as production does: only then
    is the event's new SEQUENCE stored."""
