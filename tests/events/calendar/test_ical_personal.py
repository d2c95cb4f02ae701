"""The personal feed: a secret URL with the events a user registered for."""

import re

import pytest
from icalendar import Calendar

from events import services
from events.calendar.ical import event_uid
from events.choices import EventStatus, RegistrationStatus
from events.models import CalendarFeedToken, Registration
from tests.events.calendar.conftest import make_event, republish
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def registration(event, user, status=RegistrationStatus.CONFIRMED, email=None):
    return Registration.objects.create(
        event=event,
        user=user,
        name="Anna Kowalska",
        email=email or user.email,
        status=status,
        queue_number=Registration.objects.filter(event=event).count() + 1,
    )


def feed_url_from_account(client):
    html = client.get("/account/").content.decode()
    # On the portal's public address, not the host the request came in by.
    match = re.search(r'value="(https://portal\.example\.gov/events/calendar/my/[^"]+\.ics)"', html)
    return match.group(1) if match else None, html


def test_create_show_and_regenerate_feed(client, event_index, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.gov"
    user = UserFactory(email="anna@example.org")
    client.force_login(user)
    url, html = feed_url_from_account(client)
    assert url is None
    assert "Create my calendar feed" in html
    assert client.get("/events/calendar/my-feed/regenerate/").status_code == 405
    response = client.post("/events/calendar/my-feed/regenerate/")
    assert response.status_code == 302
    url, html = feed_url_from_account(client)
    assert url is not None
    assert "webcal://portal.example.gov/events/calendar/my/" in html
    assert "Copy address" in html
    token = CalendarFeedToken.objects.get(user=user).token
    assert len(token) >= 40
    # The secret works without a session.
    client.logout()
    path = url.removeprefix("https://portal.example.gov")
    ok = client.get(path)
    assert ok.status_code == 200
    assert "private" in ok["Cache-Control"]
    # Regenerate: the old address answers 404 at once, the new one works.
    client.force_login(user)
    client.post("/events/calendar/my-feed/regenerate/")
    new_url, _ = feed_url_from_account(client)
    client.logout()
    assert new_url != url
    assert client.get(path).status_code == 404
    assert client.get(new_url.removeprefix("https://portal.example.gov")).status_code == 200


def test_regenerate_needs_login(client):
    response = client.post("/events/calendar/my-feed/regenerate/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not CalendarFeedToken.objects.exists()


def test_unknown_or_malformed_token_is_404(client, db):
    assert client.get("/events/calendar/my/not-a-token.ics").status_code == 404
    assert client.get("/events/calendar/my/" + "a" * 80 + ".ics").status_code == 404


def test_personal_feed_contents(client, event_index):
    user = UserFactory(email="anna@example.org", first_name="Anna", last_name="Kowalska")
    other = UserFactory(email="other@example.org")
    online = make_event(
        event_index,
        "Online webinar",
        slug="a",
        is_online=True,
        online_url="https://meet.example.org/room-42",
    )
    waiting = make_event(event_index, "Waiting one", slug="b")
    cancelled_reg = make_event(event_index, "I cancelled", slug="c")
    cancelled_event = make_event(event_index, "They cancelled", slug="d")
    again = make_event(event_index, "Registered again", slug="e")
    not_mine = make_event(event_index, "Someone else's", slug="f")
    members = make_event(event_index, "Members-only meeting", slug="g", audience="members")
    registration(online, user)
    registration(waiting, user, RegistrationStatus.WAITING)
    registration(cancelled_reg, user, RegistrationStatus.CANCELLED)
    registration(cancelled_event, user)
    republish(cancelled_event, status=EventStatus.CANCELLED)
    registration(again, user, RegistrationStatus.CANCELLED)
    registration(again, user)
    registration(not_mine, other)
    registration(members, user)
    token = CalendarFeedToken.objects.create(user=user).token
    response = client.get(f"/events/calendar/my/{token}.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8; method=PUBLISH"
    calendar = Calendar.from_ical(response.content)
    by_title = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(by_title) == {
        "Online webinar",
        "Waiting one",
        "I cancelled",
        "They cancelled",
        "Registered again",
        "Members-only meeting",
    }
    assert by_title["Online webinar"]["STATUS"] == "CONFIRMED"
    assert "https://meet.example.org/room-42" in by_title["Online webinar"]["DESCRIPTION"]
    assert by_title["Waiting one"]["STATUS"] == "TENTATIVE"
    assert by_title["I cancelled"]["STATUS"] == "CANCELLED"
    assert by_title["They cancelled"]["STATUS"] == "CANCELLED"
    assert by_title["Registered again"]["STATUS"] == "CONFIRMED"
    assert by_title["Online webinar"]["UID"] == event_uid(online)
    body = response.content.decode()
    # Nothing about the user: no name, no address.
    for secret in ("anna@example.org", "Anna", "Kowalska"):
        assert secret not in body
    # The waiting-list place has no join link.
    assert "room-42" not in str(by_title["Waiting one"].get("DESCRIPTION", ""))


def test_personal_feed_updates_after_registration_changes(client, event_index):
    user = UserFactory(email="anna@example.org")
    event = make_event(event_index, "Training")
    reg = registration(event, user)
    token = CalendarFeedToken.objects.create(user=user).token
    first = client.get(f"/events/calendar/my/{token}.ics")
    assert b"STATUS:CONFIRMED" in first.content
    services.cancel(reg, notify=False)
    second = client.get(f"/events/calendar/my/{token}.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert b"STATUS:CANCELLED" in second.content
    third = client.get(f"/events/calendar/my/{token}.ics", HTTP_IF_NONE_MATCH=second["ETag"])
    assert third.status_code == 304


def test_inactive_user_feed_is_404(client, event_index):
    user = UserFactory(email="gone@example.org")
    token = CalendarFeedToken.objects.create(user=user).token
    assert client.get(f"/events/calendar/my/{token}.ics").status_code == 200
    user.is_active = False
    user.save()
    assert client.get(f"/events/calendar/my/{token}.ics").status_code == 404
