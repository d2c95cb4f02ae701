"""The organiser's attendance register screen, its export, the check-in window
at the door, and the attendance report for today's events."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from events import attendance, services
from events.models import Attendance
from tests.events.admin.conftest import admin_url
from tests.events.conftest import person
from tests.events.factories import EventPageFactory, in_days

pytestmark = [pytest.mark.django_db, pytest.mark.database]


@pytest.fixture
def two_days(events_index):
    return EventPageFactory(
        parent=events_index,
        title="Identifying victims, Chełm",
        start=in_days(10, 9),
        end=in_days(11, 16),
        capacity=None,
    )


def field(registration, day):
    return f"a-{registration.pk}-{day:%Y%m%d}"


def test_organiser_records_and_exports_attendance_per_day(client, two_days, organiser):
    ala = services.register(two_days, person(1, name="Ala Żółć")).registration
    bob = services.register(two_days, person(2, name="Bob Nowak")).registration
    day1, day2 = attendance.event_days(two_days)
    client.force_login(organiser)
    url = admin_url("register", two_days.pk)
    page = client.get(url)
    assert page.status_code == 200
    assert "Ala Żółć" in page.content.decode()
    response = client.post(
        url,
        {
            field(ala, day1): "present",
            field(ala, day2): "present",
            field(bob, day1): "present",
            field(bob, day2): "excused",
        },
    )
    assert response.status_code == 302
    ala.refresh_from_db()
    assert ala.attended_at is not None
    assert Attendance.objects.get(registration=bob, day=day2).status == "excused"
    csv = b"".join(client.get(url + "?export=csv").streaming_content).decode("utf-8-sig")
    lines = csv.splitlines()
    assert lines[0].startswith("Name,Email,Institution")
    assert any(line.startswith("Bob Nowak") and "Present,Excused,1" in line for line in lines)
    xlsx = client.get(url + "?export=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_malformed_register_value_is_refused_and_nothing_saved(client, two_days, organiser):
    ala = services.register(two_days, person(1)).registration
    day1, day2 = attendance.event_days(two_days)
    client.force_login(organiser)
    response = client.post(
        admin_url("register", two_days.pk),
        {field(ala, day1): "present", field(ala, day2): "<script>"},
    )
    assert response.status_code == 400
    assert "Choose present, absent, excused" in response.content.decode()
    assert not Attendance.objects.exists()


def test_register_options_are_validated(client, two_days, organiser):
    client.force_login(organiser)
    response = client.post(
        admin_url("register", two_days.pk),
        {"form": "options", "certificate_min_share": "150", "certificates_enabled": "on"},
    )
    assert response.status_code == 400
    response = client.post(
        admin_url("register", two_days.pk),
        {"form": "options", "certificate_min_share": "50", "certificates_enabled": "on"},
    )
    assert response.status_code == 302
    assert attendance.options_for(two_days).certificate_min_share == 50


def test_only_the_events_organisers_see_the_register(client, two_days, member):
    services.register(two_days, person(1))
    client.force_login(member)
    response = client.get(admin_url("register", two_days.pk))
    assert response.status_code in (302, 403)
    assert b"Person 1" not in response.content


def test_check_in_before_the_window_is_refused_with_a_message(client, event, organiser):
    registration = services.register(event, person(1)).registration
    client.force_login(organiser)
    url = reverse("events:check_in_list", args=[event.pk])
    page = client.get(url).content.decode()
    assert "Check-in has not opened yet" in page
    response = client.post(url, {"registration": registration.pk})
    assert response.status_code == 400
    assert "Check-in has not opened yet" in response.content.decode()
    response = client.post(registration.get_checkin_path())
    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.attended_at is None


def test_check_in_after_the_window_is_refused(client, event, organiser, settings):
    settings.EVENTS_CHECK_IN_CLOSES_AFTER_HOURS = 2
    registration = services.register(event, person(1)).registration
    client.force_login(organiser)
    with time_machine.travel(event.end + datetime.timedelta(hours=3)):
        response = client.post(
            reverse("events:check_in_list", args=[event.pk]), {"registration": registration.pk}
        )
    assert response.status_code == 400
    assert "Check-in for this event closed" in response.content.decode()


def test_check_in_pages_hide_wagtails_floating_user_bar(client, event, organiser):
    registration = services.register(event, person(1)).registration
    client.force_login(organiser)
    with time_machine.travel(event.start - datetime.timedelta(hours=1)):
        for url in (
            reverse("events:check_in_list", args=[event.pk]),
            registration.get_checkin_path(),
        ):
            html = client.get(url).content.decode()
            assert "wagtail-userbar" not in html and "w-userbar" not in html
    # Elsewhere the user bar stays.
    assert "userbar" in client.get(event.url).content.decode()


def test_report_counts_todays_event_once_someone_is_checked_in(client, events_index, organiser):
    today = EventPageFactory(
        parent=events_index, title="Today's training", start=in_days(1, 9), end=in_days(1, 16)
    )
    registration = services.register(today, person(1)).registration
    services.register(today, person(2))
    client.force_login(organiser)
    with time_machine.travel(today.start + datetime.timedelta(minutes=10)):
        url = admin_url("report") + f"?event={today.pk}"
        before = client.get(url)
        assert before.context["report"]["participations"] == 0
        services.check_in(registration)
        after = client.get(url)
    report = after.context["report"]
    assert report["events_held"] == 1 and report["events_upcoming"] == 0
    assert report["participations"] == 1 and report["people"] == 1
    html = after.content.decode()
    # Wagtail's header shows the last breadcrumb as where you are: not "Home".
    assert after.context["breadcrumbs_items"][-1]["label"] == "Event attendance"
    assert "---------" not in html
    assert "All events" in html
