"""Reminders and the follow-up: sent once each, at their time, under a frozen clock."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from events import attendance, reminders, services
from events.choices import Audience, EventStatus, ScheduledPurpose
from events.models import InvitationCode, ScheduledMessage, ScheduledMessageDelivery
from tests.events.conftest import person

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)


def at(moment):
    return time_machine.travel(moment, tick=False)


def subjects():
    return sorted(message.subject for message in mail.outbox)


def has_calendar(message):
    return any("invite.ics" in str(part) for part in message.attachments)


@pytest.fixture
def registered(event):
    people = [services.register(event, person(n)).registration for n in (1, 2)]
    mail.outbox.clear()
    return people


def test_reminders_and_follow_up_fire_exactly_once_at_their_time(event, registered):
    with at(event.start - datetime.timedelta(days=7) - MINUTE):
        assert reminders.send_due() == (0, 0)
    assert ScheduledMessage.objects.filter(event=event).count() == 3
    assert mail.outbox == []

    with at(event.start - datetime.timedelta(days=7) + MINUTE):
        assert reminders.send_due() == (1, 2)
        assert reminders.send_due() == (0, 0)
    assert len(mail.outbox) == 2
    assert all(s.startswith("Reminder: Training in Chełm") for s in subjects())
    assert all(has_calendar(message) for message in mail.outbox)
    mail.outbox.clear()

    with at(event.start - datetime.timedelta(days=1) + MINUTE):
        reminders.send_due()
        reminders.send_due()
    assert len(mail.outbox) == 2
    assert not any(has_calendar(message) for message in mail.outbox)
    mail.outbox.clear()

    with at(event.end + datetime.timedelta(hours=23)):
        assert reminders.send_due() == (0, 0)
    with at(event.end + datetime.timedelta(days=1) + MINUTE):
        call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 2
    assert all(s.startswith("Thank you for taking part") for s in subjects())
    assert ScheduledMessageDelivery.objects.count() == 6


def test_the_sent_log_refuses_a_second_delivery(event, registered):
    with at(event.start - datetime.timedelta(days=1) + MINUTE):
        reminders.send_due()
    delivery = ScheduledMessageDelivery.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        ScheduledMessageDelivery.objects.create(
            message=delivery.message, registration=delivery.registration
        )


def test_no_reminder_for_a_cancelled_registration_or_event(event, registered):
    first, second = registered
    services.cancel(second)
    mail.outbox.clear()
    with at(event.start - datetime.timedelta(days=7) + MINUTE):
        reminders.send_due()
    assert [m.to for m in mail.outbox] == [[first.email]]
    mail.outbox.clear()
    event.status = EventStatus.CANCELLED
    event.save()
    with at(event.start - datetime.timedelta(days=1) + MINUTE):
        assert reminders.send_due() == (0, 0)
    with at(event.end + datetime.timedelta(days=1) + MINUTE):
        assert reminders.send_due() == (0, 0)
    assert mail.outbox == []


def test_a_scheduler_that_was_down_sends_only_the_latest_due_reminder(event, registered):
    with at(event.start - datetime.timedelta(hours=12)):
        assert reminders.send_due() == (1, 2)
    assert len(mail.outbox) == 2
    # It is the first to go out, so it carries the calendar file.
    assert all(has_calendar(message) for message in mail.outbox)
    week = ScheduledMessage.objects.get(event=event, days=7)
    assert week.skipped_at is not None and week.sent_at is None


def test_a_registration_cancelled_after_queueing_gets_nothing(event, registered, monkeypatch):
    first, second = registered
    # Queue without delivering, cancel, then deliver.
    monkeypatch.setattr("events.services.enqueue_mail", lambda pk: None)
    with at(event.start - datetime.timedelta(days=7) + MINUTE):
        reminders.send_due()
        services.cancel(second)
        mail.outbox.clear()
        call_command("send_pending_mail", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.to for m in mail.outbox if m.subject.startswith("Reminder")] == [[first.email]]


def test_an_organiser_cancels_or_moves_a_reminder(event, registered):
    reminders.ensure_default_schedule(event)
    week = ScheduledMessage.objects.get(event=event, purpose=ScheduledPurpose.REMINDER, days=7)
    day = ScheduledMessage.objects.get(event=event, purpose=ScheduledPurpose.REMINDER, days=1)
    reminders.cancel(week)
    day.days = 2
    day.save()
    with at(event.start - datetime.timedelta(days=7) + MINUTE):
        assert reminders.send_due() == (0, 0)
    with at(event.start - datetime.timedelta(days=2) + MINUTE):
        assert reminders.send_due() == (1, 2)
    # The only reminder left is both the first (calendar file) and the last.
    assert all(has_calendar(message) for message in mail.outbox)
    # Defaults are never recreated over the organiser's choices.
    assert reminders.ensure_default_schedule(event) is False
    assert ScheduledMessage.objects.filter(event=event).count() == 3


def test_last_reminder_of_an_online_event_carries_the_join_link(event):
    event.is_online = True
    event.online_url = "https://meet.example.org/training-chelm"
    event.save()
    services.register(event, person(1))
    mail.outbox.clear()
    with at(event.start - datetime.timedelta(days=7) + MINUTE):
        reminders.send_due()
    assert "meet.example.org" not in mail.outbox[-1].body
    with at(event.start - datetime.timedelta(days=1) + MINUTE):
        reminders.send_due()
    assert "https://meet.example.org/training-chelm" in mail.outbox[-1].body


def test_reminder_is_in_the_attendees_language(event, locales):
    services.register(event, person(1, language="pl"))
    mail.outbox.clear()
    with at(event.start - datetime.timedelta(days=1) + MINUTE):
        reminders.send_due()
    assert mail.outbox[0].subject.startswith("Przypomnienie")


def test_follow_up_links_survey_materials_and_the_certificate(event):
    present = services.register(event, person(1)).registration
    services.register(event, person(2))
    options = attendance.options_for(event)
    options.feedback_url = "https://portal.example.org/surveys/training-feedback/"
    options.save()
    services.check_in(present, now=event.start)
    mail.outbox.clear()
    with at(event.end + datetime.timedelta(days=1) + MINUTE):
        reminders.send_due()
    by_person = {m.to[0]: m.body for m in mail.outbox}
    assert "surveys/training-feedback" in by_person["person1@example.org"]
    assert "certificate.pdf" in by_person["person1@example.org"]
    assert "certificate.pdf" not in by_person["person2@example.org"]


def test_invitees_who_have_not_registered_are_reminded_once(event, client, organiser):
    event.audience = Audience.INVITATION
    event.save()
    client.force_login(organiser)
    response = client.post(
        reverse("events_admin:codes", args=[event.pk]),
        {
            "count": "10",
            "max_uses": "1",
            "note": "",
            "emails": "ola@example.org\nPiotr@Example.org\n",
            "language": "pl",
        },
    )
    assert response.status_code == 302
    codes = {c.email: c for c in InvitationCode.objects.filter(event=event)}
    assert set(codes) == {"ola@example.org", "piotr@example.org"}
    services.register(
        event, person(1, email="piotr@example.org"), invitation_code=codes["piotr@example.org"].code
    )
    mail.outbox.clear()
    with at(event.start - datetime.timedelta(days=7) + MINUTE):
        reminders.send_due()
        reminders.send_due()
    invitations = [m for m in mail.outbox if m.to == ["ola@example.org"]]
    assert len(invitations) == 1
    assert codes["ola@example.org"].code in invitations[0].body
    assert invitations[0].subject.startswith("Zaproszenie")
    assert not any(
        m.to == ["piotr@example.org"] and "Zaproszenie" in m.subject for m in mail.outbox
    )


def test_a_bad_invitee_address_is_refused_and_nothing_saved(event, client, organiser):
    event.audience = Audience.INVITATION
    event.save()
    client.force_login(organiser)
    response = client.post(
        reverse("events_admin:codes", args=[event.pk]),
        {
            "count": "1",
            "max_uses": "1",
            "emails": "ola@example.org\nnot an address",
            "language": "pl",
        },
    )
    assert response.status_code == 200  # the form again, with the message
    assert "Not an email address: not an address" in response.content.decode()
    assert not InvitationCode.objects.exists()


def test_organiser_sees_and_cancels_scheduled_messages(event, client, organiser, registered):
    client.force_login(organiser)
    url = reverse("events_admin:reminders", args=[event.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Reminder" in html and "Follow-up" in html
    week = ScheduledMessage.objects.get(event=event, days=7)
    response = client.post(url, {"action": "cancel", "message": week.pk})
    assert response.status_code == 302
    assert client.post(url, {"action": "cancel", "message": "x"}).status_code == 400
    with at(event.start - datetime.timedelta(days=7) + MINUTE):
        assert reminders.send_due() == (0, 0)
