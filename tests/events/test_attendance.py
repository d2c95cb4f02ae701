"""The attendance register's rules: days, the check-in window, per-day marks."""

import datetime

import pytest

from events import attendance, services
from events.choices import AttendanceStatus
from tests.events.conftest import person
from tests.events.factories import EventPageFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_days(events_index):
    return EventPageFactory(
        parent=events_index, start=in_days(10, 9), end=in_days(12, 16), capacity=None
    )


def test_a_multi_day_event_has_a_day_per_calendar_day(three_days):
    days = attendance.event_days(three_days)
    assert len(days) == 3
    assert days[0] == three_days.local_start.date()


def test_check_in_opens_the_day_before_and_closes_after_the_configured_hours(event, settings):
    settings.EVENTS_CHECK_IN_CLOSES_AFTER_HOURS = 6
    registration = services.register(event, person(1)).registration
    day_before = event.local_start.replace(hour=0, minute=0) - datetime.timedelta(days=1)
    with pytest.raises(services.RegistrationError) as refused:
        services.check_in(registration, now=day_before - datetime.timedelta(minutes=1))
    assert refused.value.code == "check_in_not_open"
    assert "has not opened yet" in str(refused.value.message)
    assert services.check_in(registration, now=day_before).attended_at is not None
    services.check_in(registration, undo=True, now=event.end + datetime.timedelta(hours=5))
    with pytest.raises(services.RegistrationError) as refused:
        services.check_in(registration, now=event.end + datetime.timedelta(hours=7))
    assert refused.value.code == "check_in_closed"


def test_an_event_may_keep_check_in_open_longer(event, settings):
    settings.EVENTS_CHECK_IN_CLOSES_AFTER_HOURS = 1
    options = attendance.options_for(event)
    options.check_in_closes_after_hours = 48
    options.save()
    registration = services.register(event, person(1)).registration
    services.check_in(registration, now=event.end + datetime.timedelta(hours=30))
    registration.refresh_from_db()
    assert registration.attended_at is not None


def test_check_in_marks_the_day_it_happens(three_days):
    registration = services.register(three_days, person(1)).registration
    second_day = three_days.start + datetime.timedelta(days=1)
    services.check_in(registration, now=second_day)
    marks = dict(registration.attendance.values_list("day", "status"))
    assert marks == {second_day.astimezone(three_days.zone).date(): AttendanceStatus.PRESENT}


def test_register_corrections_drive_attended_at(three_days, organiser):
    registration = services.register(three_days, person(1)).registration
    day1, day2, day3 = attendance.event_days(three_days)
    attendance.save_register(
        three_days,
        {(registration.pk, day1): "present", (registration.pk, day2): "excused"},
        user=organiser,
    )
    registration.refresh_from_db()
    assert registration.attended_at is not None
    attendance.save_register(three_days, {(registration.pk, day1): "absent"}, user=organiser)
    registration.refresh_from_db()
    assert registration.attended_at is None
    assert dict(registration.attendance.values_list("day", "status")) == {
        day1: "absent",
        day2: "excused",
    }


def test_register_ignores_days_and_people_of_other_events(three_days, event):
    other = services.register(event, person(1)).registration
    mine = services.register(three_days, person(2)).registration
    stray_day = attendance.event_days(three_days)[0] - datetime.timedelta(days=5)
    changed = attendance.save_register(
        three_days,
        {
            (other.pk, attendance.event_days(three_days)[0]): "present",
            (mine.pk, stray_day): "present",
        },
    )
    assert changed == 0
    assert not other.attendance.exists() and not mine.attendance.exists()
