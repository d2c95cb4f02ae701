"""The public registration form cannot be used to flood someone's inbox."""

import pytest
from django.core import mail

from events.choices import MailKind
from events.models import Registration, RegistrationMail
from tests.events.conftest import valid_form_data
from tests.events.factories import EventPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.database]

VICTIM = "victim@example.org"


@pytest.fixture
def small_limits(settings):
    settings.EVENTS_REGISTRATION_RATE_LIMITS = {
        "per_client": 5,
        "per_address": 3,
        "window_seconds": 3600,
    }
    return settings.EVENTS_REGISTRATION_RATE_LIMITS


def test_twenty_registrations_with_one_address_send_two_mails(client, event):
    statuses = [
        client.post(event.url + "register/", valid_form_data(email=VICTIM)).status_code
        for _ in range(20)
    ]
    assert 500 not in statuses
    assert Registration.objects.filter(email=VICTIM).count() == 1
    kinds = list(RegistrationMail.objects.values_list("kind", flat=True))
    assert kinds.count(MailKind.CONFIRMATION) == 1
    assert kinds.count(MailKind.REMINDER_LINK) <= 1
    assert len(kinds) <= 2
    assert [m.to for m in mail.outbox] == [[VICTIM]] * len(kinds)


def test_repeated_duplicate_keeps_the_neutral_answer(client, event):
    client.post(event.url + "register/", valid_form_data(email=VICTIM))
    for _ in range(3):
        response = client.post(event.url + "register/", valid_form_data(email=VICTIM))
        assert response.status_code == 200
        assert b"already registered" in response.content


def test_address_limit_across_events(client, events_index, settings):
    settings.EVENTS_REGISTRATION_RATE_LIMITS = {"per_address": 10, "window_seconds": 3600}
    events = [EventPageFactory(parent=events_index, slug=f"event-{n}") for n in range(11)]
    for event in events[:10]:
        response = client.post(event.url + "register/", valid_form_data(email=VICTIM))
        assert response.status_code == 302
    mail.outbox.clear()
    response = client.post(events[10].url + "register/", valid_form_data(email=VICTIM))
    assert response.status_code == 429
    assert b"Too many registration attempts" in response.content
    assert not Registration.objects.filter(event=events[10]).exists()
    assert mail.outbox == []


def test_address_limit_ignores_case_and_other_clients(client, events_index, small_limits):
    events = [EventPageFactory(parent=events_index, slug=f"event-{n}") for n in range(4)]
    for n, event in enumerate(events[:3]):
        email = VICTIM.upper() if n % 2 else VICTIM
        client.post(
            event.url + "register/", valid_form_data(email=email), REMOTE_ADDR=f"10.0.0.{n}"
        )
    response = client.post(
        events[3].url + "register/", valid_form_data(email=VICTIM), REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 429
    assert Registration.objects.count() == 3


def test_client_limit_and_others_unaffected(client, events_index, small_limits):
    events = [EventPageFactory(parent=events_index, slug=f"event-{n}") for n in range(6)]
    for n, event in enumerate(events[:5]):
        response = client.post(
            event.url + "register/",
            valid_form_data(email=f"person{n}@example.org"),
            REMOTE_ADDR="10.0.0.1",
        )
        assert response.status_code == 302
    response = client.post(
        events[5].url + "register/",
        valid_form_data(email="someone.new@example.org"),
        REMOTE_ADDR="10.0.0.1",
    )
    assert response.status_code == 429
    assert not Registration.objects.filter(email="someone.new@example.org").exists()

    response = client.post(
        events[5].url + "register/",
        valid_form_data(email="other@example.org"),
        REMOTE_ADDR="10.0.0.2",
    )
    assert response.status_code == 302
    assert Registration.objects.filter(email="other@example.org").exists()


def test_personal_link_is_resent_at_most_once_a_day_even_without_limits(client, event, settings):
    settings.EVENTS_REGISTRATION_RATE_LIMITS = {}
    for _ in range(20):
        response = client.post(event.url + "register/", valid_form_data(email=VICTIM))
        assert response.status_code in (200, 302)
    kinds = sorted(RegistrationMail.objects.values_list("kind", flat=True))
    assert kinds == sorted([MailKind.CONFIRMATION, MailKind.REMINDER_LINK])
    assert len(mail.outbox) == 2
