"""A translated event is the same calendar entry as its source."""

import datetime

import pytest
from icalendar import Calendar

from events.calendar.ical import event_uid
from events.calendar.services import create_or_regenerate_token
from events.models import Registration
from tests.events.calendar.conftest import make_event, republish
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def polish(event_index, locales):
    event = make_event(event_index, "Identification of victims")
    pl_index = event_index.copy_for_translation(locales["pl"], copy_parents=True)
    pl_index.save_revision().publish()
    pl_event = event.copy_for_translation(locales["pl"])
    pl_event.title = "Identyfikacja ofiar"
    pl_event.save_revision().publish()
    pl_event.refresh_from_db()
    return event, pl_event


def vevents(response):
    assert response.status_code == 200
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_translation_shares_uid_and_sequence(client, polish):
    event, pl_event = polish
    (en,) = vevents(client.get(f"/events/calendar/{event.uid}.ics"))
    (pl,) = vevents(client.get(f"/pl/events/calendar/{event.uid}.ics"))
    assert en["SUMMARY"] == "Identification of victims"
    assert pl["SUMMARY"] == "Identyfikacja ofiar"
    assert pl["UID"] == en["UID"] == event_uid(event)
    # The Polish page links the file under the same identity.
    html = client.get(pl_event.url).content.decode()
    assert f"/pl/events/calendar/{event.uid}.ics" in html
    # A change of time bumps the source's SEQUENCE; the Polish file follows.
    republish(
        event,
        start=event.start + datetime.timedelta(days=1),
        end=event.end + datetime.timedelta(days=1),
    )
    (pl,) = vevents(client.get(f"/pl/events/calendar/{event.uid}.ics"))
    assert pl["SEQUENCE"] == event.sequence > 0
    (feed_event,) = vevents(client.get("/pl/events/calendar/feed.ics"))
    assert feed_event["UID"] == event_uid(event)
    assert feed_event["SUMMARY"] == "Identyfikacja ofiar"
    assert feed_event["SEQUENCE"] == event.sequence


def test_personal_feed_follows_the_users_language(client, polish):
    """The feed is written in the language the user's emails use, whatever
    language the calendar app's URL carries, and keeps the same UID."""
    event, pl_event = polish
    user = UserFactory(email="ola@example.org", preferred_language="pl")
    Registration.objects.create(
        event=event,
        user=user,
        name="Ola Nowak",
        email=user.email,
        status="confirmed",
        queue_number=1,
    )
    token = create_or_regenerate_token(user).token
    (entry,) = vevents(client.get(f"/events/calendar/my/{token}.ics"))
    assert entry["SUMMARY"] == "Identyfikacja ofiar"
    assert entry["UID"] == event_uid(event)
    assert "/pl/" in str(entry["URL"])
    response = client.get(f"/events/calendar/my/{token}.ics")
    assert "Moje wydarzenia" in Calendar.from_ical(response.content)["X-WR-CALNAME"]

    # Changing the preference changes the feed at once (no stale cached copy).
    user.preferred_language = "en"
    user.save()
    (entry,) = vevents(client.get(f"/events/calendar/my/{token}.ics"))
    assert entry["SUMMARY"] == "Identification of victims"
    assert entry["UID"] == event_uid(event)
