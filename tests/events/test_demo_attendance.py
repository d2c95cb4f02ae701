"""The demo shows a past training with its attendance register and
certificates, and upcoming events with their reminders scheduled."""

import pytest
from django.core.management import call_command
from django.test import Client

from events import attendance
from events.models import Attendance, Certificate, EventPage, ScheduledMessage
from portal.models import User


@pytest.mark.django_db
def test_demo_past_training_has_a_register_and_certificates(demo):
    training = EventPage.objects.get(slug="training-lublin", locale__language_code="en")
    assert training.is_past and len(attendance.event_days(training)) == 2
    marks = Attendance.objects.filter(registration__event=training)
    assert marks.filter(status="present").exists() and marks.exclude(status="present").exists()
    certificates = Certificate.objects.filter(registration__event=training)
    assert 10 <= certificates.count() < training.registrations.count()
    counts = (Attendance.objects.count(), Certificate.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Attendance.objects.count(), Certificate.objects.count()) == counts

    member = User.objects.get(email="member@example.org")
    client = Client()
    client.force_login(member)
    account = client.get("/account/").content.decode()
    mine = certificates.get(registration__email="member@example.org")
    assert f"/events/registration/{mine.registration.manage_token}/certificate.pdf" in account
    assert client.get(f"/certificates/{mine.code}/").status_code == 200


@pytest.mark.django_db
def test_demo_upcoming_events_have_reminders_scheduled(demo):
    workshop = EventPage.objects.get(
        slug="workshop-labour-exploitation", locale__language_code="en"
    )
    scheduled = ScheduledMessage.objects.filter(event=workshop)
    assert sorted(scheduled.values_list("purpose", "days")) == [
        ("follow_up", 1),
        ("reminder", 1),
        ("reminder", 7),
    ]
    assert "case notes" in scheduled.get(purpose="reminder", days=1).note
