import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from directory.models import Membership
from events import services
from events.choices import Audience, EventStatus, RegistrationStatus
from events.models import InvitationCode, Registration
from tests.events.conftest import person
from tests.events.factories import EventPageFactory, InstitutionFactory, in_days
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.database]


def register_many(event, count, start=1):
    return [services.register(event, person(n)).registration for n in range(start, start + count)]


def test_confirmed_until_full_then_waiting_in_order(event):
    event.capacity = 3
    event.save()
    registrations = register_many(event, 5)
    assert [r.status for r in registrations] == ["confirmed"] * 3 + ["waiting"] * 2
    assert [r.waiting_position() for r in registrations[3:]] == [1, 2]
    assert event.seats_left == 0


def test_unlimited_capacity_confirms_everyone(event):
    event.capacity = None
    event.save()
    assert {r.status for r in register_many(event, 12)} == {"confirmed"}


def test_full_event_without_waiting_list_refuses_and_saves_nothing(event):
    event.capacity = 1
    event.waiting_list_enabled = False
    event.save()
    register_many(event, 1)
    with pytest.raises(services.RegistrationError) as error:
        services.register(event, person(2))
    assert error.value.code == "full"
    assert Registration.objects.count() == 1


def test_same_email_twice_creates_nothing_and_resends_the_link(event):
    first = services.register(event, person(1)).registration
    mail.outbox.clear()
    again = services.register(event, {"name": "Other", "email": "PERSON1@example.org"})
    assert again.duplicate
    assert again.registration.pk == first.pk
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1
    assert first.manage_token in mail.outbox[0].body


def test_cancelled_person_may_register_again_at_the_end_of_the_queue(event):
    event.capacity = 1
    event.save()
    first = services.register(event, person(1)).registration
    services.register(event, person(2))
    services.cancel(first)
    again = services.register(event, person(1)).registration
    assert again.pk != first.pk
    assert again.status == RegistrationStatus.WAITING
    assert Registration.objects.get(pk=first.pk).status == RegistrationStatus.CANCELLED


def test_cancelling_frees_the_seat_for_the_first_waiting_who_is_emailed(event):
    event.capacity = 2
    event.save()
    a, b, c, d = register_many(event, 4)
    mail.outbox.clear()
    services.cancel(a)
    c.refresh_from_db()
    d.refresh_from_db()
    assert c.status == RegistrationStatus.CONFIRMED
    assert d.status == RegistrationStatus.WAITING
    assert d.waiting_position() == 1
    recipients = {m.to[0]: m.subject for m in mail.outbox}
    assert "A seat is yours" in recipients["person3@example.org"]
    assert "cancelled" in recipients["person1@example.org"]
    assert "person4@example.org" not in recipients


def test_cancelling_a_waiting_registration_promotes_nobody(event):
    event.capacity = 1
    event.save()
    a, b, c = register_many(event, 3)
    services.cancel(b)
    c.refresh_from_db()
    assert c.status == RegistrationStatus.WAITING
    assert c.waiting_position() == 1


def test_no_automatic_promotion_after_registration_closes(event):
    event.capacity = 1
    event.registration_closes_at = in_days(2)
    event.save()
    a, b = register_many(event, 2)
    with time_machine.travel(in_days(3), tick=False):
        services.cancel(a)
    b.refresh_from_db()
    assert b.status == RegistrationStatus.WAITING


def test_no_automatic_promotion_once_the_event_started(event):
    event.capacity = 1
    event.save()
    a, b = register_many(event, 2)
    with time_machine.travel(event.start + datetime.timedelta(minutes=5), tick=False):
        services.cancel(a)
    b.refresh_from_db()
    assert b.status == RegistrationStatus.WAITING


def test_organiser_promotes_by_hand_but_never_beyond_capacity(event):
    event.capacity = 1
    event.registration_closes_at = in_days(2)
    event.save()
    a, b = register_many(event, 2)
    with pytest.raises(services.RegistrationError) as error:
        services.promote(b)
    assert error.value.code == "full"
    with time_machine.travel(in_days(3), tick=False):
        services.cancel(a)
        services.promote(b)
    b.refresh_from_db()
    assert b.status == RegistrationStatus.CONFIRMED


def test_registration_window(event):
    event.registration_opens_at = in_days(1)
    event.registration_closes_at = in_days(5)
    event.save()
    with pytest.raises(services.RegistrationError) as error:
        services.register(event, person(1))
    assert error.value.code == "not_open"
    with (
        time_machine.travel(in_days(6), tick=False),
        pytest.raises(services.RegistrationError) as error,
    ):
        services.register(event, person(1))
    assert error.value.code == "closed"
    with time_machine.travel(in_days(2), tick=False):
        assert services.register(event, person(1)).created
    assert Registration.objects.count() == 1


def test_cancelled_event_takes_no_registrations(event):
    event.status = EventStatus.CANCELLED
    event.save()
    with pytest.raises(services.RegistrationError):
        services.register(event, person(1))


def test_members_only_requires_approved_membership(event, member):
    event.audience = Audience.MEMBERS
    event.save()
    with pytest.raises(services.RegistrationError) as error:
        services.register(event, person(1))
    assert error.value.code == "members"
    with pytest.raises(services.RegistrationError):
        services.register(event, person(2), user=member)
    Membership.objects.create(user=member, institution=InstitutionFactory(), status="approved")
    member = type(member).objects.get(pk=member.pk)
    result = services.register(event, person(3), user=member)
    assert result.registration.user == member


def test_invitation_codes_single_use_limits_and_unknown(event):
    event.audience = Audience.INVITATION
    event.save()
    single = InvitationCode.objects.create(event=event, max_uses=1)
    shared = InvitationCode.objects.create(event=event, code="TEAM2026", max_uses=2)
    with pytest.raises(services.RegistrationError):
        services.register(event, person(1))
    with pytest.raises(services.RegistrationError):
        services.register(event, person(1), invitation_code="NOPE")
    assert services.register(event, person(1), invitation_code=single.code.lower()).created
    with pytest.raises(services.RegistrationError) as error:
        services.register(event, person(2), invitation_code=single.code)
    assert "already been used" in str(error.value.message)
    assert services.register(event, person(3), invitation_code="team-2026").created
    assert services.register(event, person(4), invitation_code="TEAM2026").created
    with pytest.raises(services.RegistrationError):
        services.register(event, person(5), invitation_code="TEAM2026")
    shared.refresh_from_db()
    assert shared.uses == 2
    assert Registration.objects.count() == 3


def test_invitation_code_of_another_event_is_refused(event, events_index):
    other = EventPageFactory(parent=events_index, audience=Audience.INVITATION)
    code = InvitationCode.objects.create(event=other)
    event.audience = Audience.INVITATION
    event.save()
    with pytest.raises(services.RegistrationError):
        services.register(event, person(1), invitation_code=code.code)


def test_organiser_may_add_to_invitation_or_closed_events_without_mail(event):
    event.audience = Audience.INVITATION
    event.registration_closes_at = timezone.now() - datetime.timedelta(hours=1)
    event.save()
    result = services.register(event, person(1), by_organiser=True, send_confirmation=False)
    assert result.registration.added_by_organiser
    assert mail.outbox == []


def test_check_in_only_confirmed(event):
    event.capacity = 1
    event.save()
    a, b = register_many(event, 2)
    at_the_door = event.start
    assert services.check_in(a, now=at_the_door).attended_at is not None
    with pytest.raises(services.RegistrationError):
        services.check_in(b, now=at_the_door)
    assert services.check_in(a, undo=True, now=at_the_door).attended_at is None


def test_change_status_by_organiser(event):
    event.capacity = 2
    event.save()
    a, b, c = register_many(event, 3)
    services.change_status(a, RegistrationStatus.WAITING)
    a.refresh_from_db()
    c.refresh_from_db()
    assert a.status == RegistrationStatus.WAITING
    # Moving a to the waiting list freed nothing automatically: c still waits.
    services.change_status(c, RegistrationStatus.CONFIRMED)
    c.refresh_from_db()
    assert c.status == RegistrationStatus.CONFIRMED


def test_translation_shares_capacity(event, locales):
    event.capacity = 1
    event.save()
    polish = event.copy_for_translation(locales["pl"], copy_parents=True)
    polish.save_revision().publish()
    polish = type(event).objects.get(pk=polish.pk)
    services.register(polish, person(1))
    second = services.register(event, person(2)).registration
    assert second.status == RegistrationStatus.WAITING
    assert Registration.objects.filter(event=event).count() == 2
    assert polish.seats_left == 0
    assert polish.canonical.uid == event.uid


def test_publishing_a_change_of_time_bumps_sequence_and_emails_attendees(event):
    event.save_revision().publish()
    event.refresh_from_db()
    assert event.sequence == 0
    a, b = register_many(event, 2)
    services.cancel(b)
    mail.outbox.clear()
    event.title = "Renamed only"
    event.save_revision().publish()
    event.refresh_from_db()
    assert event.sequence == 0
    assert mail.outbox == []
    event.start = event.start + datetime.timedelta(hours=1)
    event.save_revision().publish()
    event.refresh_from_db()
    assert event.sequence == 1
    assert [m.to for m in mail.outbox] == [["person1@example.org"]]
    assert mail.outbox[0].subject.startswith("Changed:")
    # Publishing an older revision must not roll the sequence back.
    event.venue_name = "Another room"
    event.save_revision().publish()
    event.refresh_from_db()
    assert event.sequence == 2
    uid = event.uid
    event.save_revision().publish()
    event.refresh_from_db()
    assert event.uid == uid and event.sequence == 2


def test_cancelling_a_published_event_tells_attendees(event):
    event.save_revision().publish()
    register_many(event, 2)
    mail.outbox.clear()
    event.status = EventStatus.CANCELLED
    event.save_revision().publish()
    event.refresh_from_db()
    assert event.sequence == 1
    assert len(mail.outbox) == 2
    assert all(m.subject.startswith("Cancelled:") for m in mail.outbox)


def test_raising_capacity_on_publish_promotes_waiting(event):
    event.capacity = 1
    event.save_revision().publish()
    a, b = register_many(event, 2)
    event.refresh_from_db()
    event.capacity = 2
    event.save_revision().publish()
    b.refresh_from_db()
    assert b.status == RegistrationStatus.CONFIRMED


def test_user_linked_when_registering_while_logged_in(event):
    user = UserFactory()
    registration = services.register(event, person(1), user=user).registration
    assert registration.user == user


def test_confirmation_email_in_polish(event, locales):
    registration = services.register(event, person(1, language="pl")).registration
    message = mail.outbox[0]
    assert "Rejestracja potwierdzona" in message.subject
    assert "/pl/events/registration/" in message.body
    assert registration.manage_token in message.body
    assert "(czas warszawski)" in message.body
