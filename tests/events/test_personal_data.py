"""Events' part of a user's personal data: what the export shows and what
deleting the account does to registrations and the calendar feed."""

import pytest
from django.core import mail
from django.core.management import call_command

from events import services
from events.admin.reports import attendance_report
from events.choices import MailKind, RegistrationStatus
from events.models import CalendarFeedToken, EventPage, Registration, RegistrationMail
from events.personal_data import describe
from portal.personal_data import erase
from tests.events.conftest import person
from tests.events.factories import EventPageFactory, InstitutionFactory, in_days
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_deleting_the_account_gives_a_future_seat_to_the_waiting_list(events_index):
    event = EventPageFactory(parent=events_index, capacity=1, waiting_list_enabled=True)
    leaver = UserFactory(email="leaver@example.org")
    mine = services.register(event, person(1, email=leaver.email), user=leaver).registration
    waiting = services.register(event, person(2)).registration
    assert mine.is_confirmed and waiting.is_waiting
    mail.outbox.clear()

    erase(leaver)

    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == RegistrationStatus.CANCELLED
    assert mine.purged_at is not None and mine.email == "" and mine.user_id is None
    assert waiting.status == RegistrationStatus.CONFIRMED
    # The promoted person hears about it; nothing goes to the erased address.
    assert [m.to for m in mail.outbox] == [["person2@example.org"]]
    assert RegistrationMail.objects.filter(registration=waiting, kind=MailKind.PROMOTED).exists()
    assert not RegistrationMail.objects.filter(registration=mine).exists()


def test_past_attendance_stays_as_an_anonymous_count(events_index):
    institution = InstitutionFactory()
    past = EventPageFactory(parent=events_index, start=in_days(-20), end=in_days(-20, 16))
    leaver = UserFactory(email="leaver@example.org")
    registration = Registration.objects.create(
        event=past,
        status=RegistrationStatus.CONFIRMED,
        queue_number=1,
        name="Leaver",
        email=leaver.email,
        institution=institution,
        attended_at=past.start,
        user=leaver,
    )
    before = attendance_report(EventPage.objects.filter(pk=past.pk))

    erase(leaver)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.institution == institution and registration.attended_at is not None
    assert (registration.name, registration.email, registration.user_id) == ("", "", None)
    assert attendance_report(EventPage.objects.filter(pk=past.pk)) == before


def test_registration_under_a_verified_address_without_login_is_erased_too(event):
    leaver = UserFactory(email="leaver@example.org")
    registration = services.register(event, person(1, email="LEAVER@example.org")).registration
    assert registration.user_id is None
    assert len(describe(leaver)[2]["registrations"]) == 1

    erase(leaver)

    registration.refresh_from_db()
    assert registration.purged_at is not None
    assert registration.status == RegistrationStatus.CANCELLED


def test_feed_token_is_deleted_and_never_exported(event):
    leaver = UserFactory()
    token = CalendarFeedToken.objects.create(user=leaver).token
    assert describe(leaver)[2]["personal_calendar_feed"] is True
    assert token not in str(describe(leaver))
    erase(leaver)
    assert not CalendarFeedToken.objects.filter(token=token).exists()


def test_another_persons_registration_is_not_touched(event):
    leaver = UserFactory()
    services.register(event, person(1, email=leaver.email), user=leaver)
    other = services.register(event, person(2)).registration
    erase(leaver)
    other.refresh_from_db()
    assert other.email == "person2@example.org" and other.is_confirmed


def test_purge_removes_personal_data_keeps_counts(client, events_index, settings):
    settings.EVENTS_PERSONAL_DATA_RETENTION_DAYS = 30
    old = EventPageFactory(parent=events_index, start=in_days(-40), end=in_days(-40, 16))
    recent = EventPageFactory(parent=events_index, start=in_days(-5), end=in_days(-5, 16))
    institution = InstitutionFactory()
    for event in (old, recent):
        Registration.objects.create(
            event=event,
            status="confirmed",
            queue_number=1,
            name="Private Person",
            email="private@example.org",
            phone="+48 22 000 00 00",
            answers={"k": "v"},
            institution=institution,
            attended_at=event.start,
        )
    gone = Registration.objects.get(event=old)
    token = gone.manage_token
    RegistrationMail.objects.create(registration=gone, kind="confirmation")
    call_command("purge_event_personal_data", verbosity=0)
    gone.refresh_from_db()
    assert gone.purged_at is not None
    assert (gone.name, gone.email, gone.phone, gone.answers) == ("", "", "", {})
    assert gone.institution == institution and gone.attended_at is not None
    assert not RegistrationMail.objects.filter(registration=gone).exists()
    assert client.get(f"/events/registration/{token}/").status_code == 404
    kept = Registration.objects.get(event=recent)
    assert kept.email == "private@example.org"
    # Anonymous counts remain.
    assert attendance_report(EventPage.objects.filter(pk=old.pk))["participations"] == 1
