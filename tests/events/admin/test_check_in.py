"""Check-in at the door: the QR code's one-tap page and the searchable list."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from events import services
from tests.events.conftest import person

pytestmark = [pytest.mark.django_db, pytest.mark.database]


@pytest.fixture(autouse=True)
def at_the_door(event):
    """Half an hour before the event starts: check-in is open, registration too."""
    with time_machine.travel(event.start - datetime.timedelta(minutes=30)):
        yield


def test_qr_code_leads_organiser_to_one_tap_check_in(client, event, organiser):
    registration = services.register(event, person(1)).registration
    message = mail.outbox[0]
    images = [
        a
        for a in message.attachments
        if getattr(a, "get_content_type", lambda: "")() == "image/png"
    ]
    assert images, "the confirmation carries the QR code"
    assert b"<svg" in client.get(registration.get_manage_path()).content
    client.force_login(organiser)
    response = client.get(registration.get_checkin_path())
    assert response.status_code == 200
    assert b"Person 1" in response.content
    assert b"Mark as attended" in response.content
    client.post(registration.get_checkin_path())
    registration.refresh_from_db()
    assert registration.attended_at is not None


def test_check_in_list_with_search(client, event, organiser):
    a = services.register(event, person(1, name="Alicja Malinowska")).registration
    services.register(event, person(2, name="Bogdan Zieliński"))
    client.force_login(organiser)
    url = reverse("events:check_in_list", args=[event.pk])
    content = client.get(url + "?q=malin").content
    assert b"Alicja Malinowska" in content and b"Bogdan" not in content
    client.post(url, {"registration": a.pk})
    a.refresh_from_db()
    assert a.attended_at is not None
    assert b"1 of 2 checked in" in client.get(url).content


def test_check_in_with_forged_token(client, event, organiser):
    services.register(event, person(1))
    client.force_login(organiser)
    assert client.get("/events/check-in/forged-token-forged-token-forged/").status_code == 404
    assert client.get("/events/check-in/x/").status_code == 404


def test_check_in_of_a_waiting_registration_is_refused(client, event, organiser):
    event.capacity = 1
    event.save()
    services.register(event, person(1))
    waiting = services.register(event, person(2)).registration
    client.force_login(organiser)
    response = client.post(waiting.get_checkin_path())
    assert response.status_code == 400
    waiting.refresh_from_db()
    assert waiting.attended_at is None
