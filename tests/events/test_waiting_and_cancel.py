"""One waiting-list position everywhere; the confirmation page offers the
calendar; cancelling asks first."""

import pytest
from django.core import mail
from django.urls import reverse

from events import services
from events.models.registrations import waiting_positions
from tests.events.admin.conftest import admin_url
from tests.events.conftest import person

pytestmark = pytest.mark.django_db


def test_admin_and_attendee_see_the_same_waiting_list_number(client, event, organiser):
    event.capacity = 1
    event.save()
    services.register(event, person(1))
    early = [services.register(event, person(n)).registration for n in range(2, 6)]
    for registration in early[:3]:
        services.cancel(registration)  # arrival numbers 2-4 leave the list
    last = early[3]  # arrival number 5, first on the waiting list
    assert last.queue_number == 5
    assert waiting_positions(event.pk) == {last.pk: 1}
    assert last.waiting_position() == 1
    assert (
        "You are number 1 on the waiting list"
        in client.get(last.get_manage_path()).content.decode()
    )
    # Its confirmation, sent when four were waiting, gave the position then.
    mail_text = next(m.body for m in mail.outbox if m.to == [last.email])
    assert "number 4 on the waiting list" in mail_text and "number 5" not in mail_text
    client.force_login(organiser)
    listing = client.get(admin_url("registrations", event.pk)).content.decode()
    assert "Waiting list (number 1)" in listing and "#5" not in listing
    detail = client.get(admin_url("registration", last.pk)).content.decode()
    assert "number 1 on the waiting list" in detail


def test_confirmation_page_offers_add_to_calendar(client, event):
    registration = services.register(event, person(1)).registration
    html = client.get(registration.get_manage_path()).content.decode()
    assert "Add to calendar" in html
    assert "calendar.google.com" in html and "outlook" in html.lower()
    assert ".ics" in html


def test_cancel_asks_first_and_a_get_changes_nothing(client, event):
    registration = services.register(event, person(1)).registration
    url = reverse("events:cancel", args=[registration.manage_token])
    assert client.get(url).status_code == 200
    registration.refresh_from_db()
    assert registration.is_confirmed
    response = client.post(url)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.is_cancelled
    assert client.get(url).status_code == 302  # already cancelled: back to the registration
    assert client.get(reverse("events:cancel", args=["forged" * 8])).status_code == 404
