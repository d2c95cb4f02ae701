"""Registration emails carry the event as an invitation (METHOD:REQUEST /
CANCEL) with the event's UID and SEQUENCE."""

import datetime

import pytest
from icalendar import Calendar

from events import services
from events.calendar.ical import event_uid
from events.choices import EventStatus
from tests.events.calendar.conftest import make_event, republish

pytestmark = pytest.mark.django_db


def invitation(message):
    parts = [
        part for part in message.message().walk() if part.get_content_type() == "text/calendar"
    ]
    assert len(parts) == 1, [p.get_content_type() for p in message.message().walk()]
    part = parts[0]
    method = part.get_param("method")
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    assert calendar["METHOD"] == method
    (vevent,) = calendar.walk("VEVENT")
    return method, vevent


def calendar_parts(message):
    return [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]


def register(event, email, capture):
    with capture(execute=True):
        result = services.register(event, {"name": "Jan Nowak", "email": email, "language": "en"})
    return result.registration


def test_confirmation_update_and_cancellation(
    event_index, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(
        event_index, is_online=True, online_url="https://meet.example.org/room-7", venue_name=""
    )
    registration = register(event, "jan@example.org", django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    method, vevent = invitation(mailoutbox[0])
    assert method == "REQUEST"
    assert vevent["UID"] == event_uid(event)
    assert vevent["SEQUENCE"] == 0
    assert str(vevent["ORGANIZER"]).startswith("mailto:")
    attendee = vevent["ATTENDEE"]
    assert str(attendee) == "mailto:jan@example.org"
    assert attendee.params["CN"] == "Jan Nowak"
    assert attendee.params["PARTSTAT"] == "ACCEPTED"
    assert "https://meet.example.org/room-7" in vevent["DESCRIPTION"]

    # The organisers move the event: the same UID with a higher SEQUENCE.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        republish(
            event,
            start=event.start + datetime.timedelta(days=2),
            end=event.end + datetime.timedelta(days=2),
        )
    assert len(mailoutbox) == 1
    method, updated = invitation(mailoutbox[0])
    assert method == "REQUEST"
    assert updated["UID"] == vevent["UID"]
    assert updated["SEQUENCE"] > vevent["SEQUENCE"]
    assert updated.start == event.start

    # The event is cancelled: METHOD:CANCEL, higher SEQUENCE still.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        republish(event, status=EventStatus.CANCELLED)
    method, cancelled = invitation(mailoutbox[0])
    assert method == "CANCEL"
    assert cancelled["UID"] == vevent["UID"]
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["SEQUENCE"] > updated["SEQUENCE"]
    assert registration.pk


def test_registration_cancellation_sends_cancel(
    event_index, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(event_index)
    registration = register(event, "ewa@example.org", django_capture_on_commit_callbacks)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration)
    method, vevent = invitation(mailoutbox[0])
    assert method == "CANCEL"
    assert vevent["UID"] == event_uid(event)
    assert vevent["STATUS"] == "CANCELLED"
    assert str(vevent["ATTENDEE"]) == "mailto:ewa@example.org"


def test_waiting_list_gets_no_invitation_until_promoted(
    event_index, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(event_index, capacity=1)
    first = register(event, "first@example.org", django_capture_on_commit_callbacks)
    mailoutbox.clear()
    register(event, "second@example.org", django_capture_on_commit_callbacks)
    assert calendar_parts(mailoutbox[0]) == []  # waiting list: no seat, no invitation
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(first)
    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert invitation(by_recipient["first@example.org"])[0] == "CANCEL"
    method, vevent = invitation(by_recipient["second@example.org"])
    assert method == "REQUEST"
    assert str(vevent["ATTENDEE"]) == "mailto:second@example.org"


def test_event_cancellation_invites_only_confirmed(
    event_index, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(event_index, capacity=1)
    register(event, "seat@example.org", django_capture_on_commit_callbacks)
    register(event, "queue@example.org", django_capture_on_commit_callbacks)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        republish(event, status=EventStatus.CANCELLED)
    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert invitation(by_recipient["seat@example.org"])[0] == "CANCEL"
    assert calendar_parts(by_recipient["queue@example.org"]) == []
