"""Organisers write to one group of registrants — confirmed, waiting list,
present, absent or everyone — and see the message as the attendee will
before it is sent."""

import pytest
from django.core import mail
from django.utils import timezone

from events import services
from events.choices import RegistrationStatus
from events.models import Registration, RegistrationMail
from tests.events.admin.conftest import admin_url
from tests.events.conftest import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrants(event):
    event.capacity = 2
    event.waiting_list_enabled = True
    event.save()
    present = services.register(event, person(1)).registration
    absent = services.register(event, person(2)).registration
    waiting = services.register(event, person(3)).registration
    Registration.objects.filter(pk=present.pk).update(attended_at=timezone.now())
    assert waiting.status == RegistrationStatus.WAITING
    mail.outbox.clear()
    return present, absent, waiting


@pytest.mark.parametrize(
    ("audience", "expected"),
    [
        ("confirmed", {"person1@example.org", "person2@example.org"}),
        ("waiting", {"person3@example.org"}),
        ("present", {"person1@example.org"}),
        ("absent", {"person2@example.org"}),
        ("all", {"person1@example.org", "person2@example.org", "person3@example.org"}),
    ],
)
def test_each_group_gets_the_message(client, event, organiser, registrants, audience, expected):
    client.force_login(organiser)
    response = client.post(
        admin_url("message", event.pk),
        {"audience": audience, "subject": "Room change", "body": "Room 12.", "send": "1"},
    )
    assert response.status_code == 302
    assert {m.to[0] for m in mail.outbox} == expected


def test_preview_shows_the_mail_and_sends_nothing(client, event, organiser, registrants):
    client.force_login(organiser)
    page = client.get(admin_url("message", event.pk) + "?to=waiting").content.decode()
    assert "The waiting list (1)" in page
    assert "Confirmed attendees (2)" in page
    response = client.post(
        admin_url("message", event.pk),
        {"audience": "waiting", "subject": "Seats may free up", "body": "Keep the date free."},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Seats may free up" in html
    assert "Keep the date free." in html
    assert "Send to 1 person" in html
    assert mail.outbox == []
    assert not RegistrationMail.objects.filter(kind="message").exists()


def test_an_empty_group_says_so(client, event, organiser):
    client.force_login(organiser)
    response = client.post(
        admin_url("message", event.pk),
        {"audience": "present", "subject": "Thanks", "body": "Thank you for coming."},
    )
    assert "Nobody is in that group yet" in response.content.decode()
    response = client.post(
        admin_url("message", event.pk),
        {"audience": "present", "subject": "Thanks", "body": "Thanks.", "send": "1"},
    )
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.parametrize(
    "data",
    [
        {"audience": "everyone-ever", "subject": "x", "body": "y", "send": "1"},
        {"audience": "confirmed", "subject": "", "body": "y", "send": "1"},
        {"audience": "confirmed", "subject": "x" * 500, "body": "y", "send": "1"},
        {"audience": "\x00", "subject": "x", "body": "y", "send": "1"},
    ],
)
def test_bad_input_is_refused_and_nothing_sent(client, event, organiser, registrants, data):
    client.force_login(organiser)
    response = client.post(admin_url("message", event.pk), data)
    assert response.status_code == 200
    assert (
        'class="error-message"' in response.content.decode() or "error" in response.content.decode()
    )
    assert mail.outbox == []
    assert not RegistrationMail.objects.filter(kind="message").exists()
