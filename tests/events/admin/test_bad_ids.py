"""Ids that are not numbers, or too large for the database, are a 400 or a
404 with a message, never a server error."""

import pytest
from django.urls import reverse

from events import services
from tests.events.conftest import person

HUGE = "99999999999999999999"  # past 2**63: SQLite cannot even compare it


@pytest.mark.parametrize("value", ["abc", "", "-1", "1.5", HUGE, "١٢"])
def test_check_in_list_refuses_a_registration_that_is_not_an_id(client, event, organiser, value):
    registration = services.register(event, person(1)).registration
    client.force_login(organiser)
    url = reverse("events:check_in_list", args=[event.pk])
    response = client.post(url, {"registration": value})
    assert response.status_code == 400
    assert "Choose an attendee from the list." in response.content.decode()
    registration.refresh_from_db()
    assert registration.attended_at is None


def test_check_in_list_of_an_unknown_registration_is_404(client, event, organiser):
    client.force_login(organiser)
    url = reverse("events:check_in_list", args=[event.pk])
    assert client.post(url, {"registration": "123456789"}).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        f"/events/{HUGE}/check-in/",
        f"/directory/contacts/{HUGE}/",
        f"/directory/contacts/{HUGE}.vcf",
        f"/admin/events/{HUGE}/registrations/",
        f"/admin/events/{HUGE}/registrations/results/",
        f"/admin/events/{HUGE}/registrations/add/",
        f"/admin/events/{HUGE}/registrations/import/",
        f"/admin/events/{HUGE}/message/",
        f"/admin/events/{HUGE}/codes/",
        f"/admin/events/registration/{HUGE}/",
        f"/admin/survey-results/{HUGE}/",
        f"/admin/survey-results/{HUGE}/export.csv",
        f"/admin/survey-results/{HUGE}/answers/q/",
        f"/admin/scenarios/analytics/{HUGE}/",
        f"/admin/scenarios/{HUGE}/map/",
        f"/admin/directory_membership/decide/{HUGE}/",
        f"/admin/directory_membership/edit/{HUGE}/",
        f"/admin/partner_calendars/{HUGE}/refresh/",
    ],
)
def test_an_id_too_large_for_the_database_is_404(client, home_page, superuser, url):
    client.force_login(superuser)
    assert client.get(url, follow=True).status_code == 404


@pytest.mark.parametrize("url", [f"/events/{HUGE}/check-in/", f"/directory/contacts/{HUGE}/"])
def test_an_id_too_large_for_the_database_is_404_for_a_member(client, home_page, member, url):
    client.force_login(member)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("value", [HUGE, "abc", "-1"])
def test_attendance_report_with_an_event_that_is_not_an_id(client, event, superuser, value):
    client.force_login(superuser)
    response = client.get(f"/admin/events/report/?event={value}")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
