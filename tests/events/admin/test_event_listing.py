"""Admin → Events: organisers see every event with date, place, seats and
waiting list, filter and sort them, reach registrations, check-in, messages,
report and export from each row, and download the list."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from events import services
from events.choices import RegistrationStatus
from events.models import EventSeries, Registration
from tests import downloads
from tests.events.conftest import person
from tests.events.factories import EventPageFactory, in_days

pytestmark = [pytest.mark.django_db, pytest.mark.database]

URL = "/admin/event-list/"


@pytest.fixture
def events(events_index):
    full = EventPageFactory(
        parent=events_index, title="Workshop in Lublin", capacity=2, waiting_list_enabled=True
    )
    for n in range(3):
        services.register(full, person(n))
    past = EventPageFactory(
        parent=events_index,
        title="Conference in Warsaw",
        kind="conference",
        start=in_days(-20, 9),
        end=in_days(-20, 17),
    )
    Registration.objects.create(
        event=past,
        name="Ewa Zielińska",
        email="ewa@example.org",
        status=RegistrationStatus.CONFIRMED,
        attended_at=timezone.now(),
        queue_number=1,
    )
    return full, past


def test_organiser_sees_events_with_seats_waiting_list_and_actions(client, organiser, events):
    full, past = events
    client.force_login(organiser)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Workshop in Lublin" in html and "Conference in Warsaw" in html
    assert re.search(r"<td>\s*2 of 2\s*<br><small>0 left</small>", html)  # seats taken of capacity
    assert "1 checked in" in html
    for name, args in [("registrations", [full.pk]), ("message", [full.pk])]:
        assert reverse(f"events_admin:{name}", args=args) in html
    assert reverse("events:check_in_list", args=[full.pk]) in html
    assert f"{reverse('events_admin:report')}?event={full.pk}" in html
    assert f"{reverse('events_admin:registrations', args=[full.pk])}?export=xlsx" in html
    # The newest first by default.
    assert html.index("Workshop in Lublin") < html.index("Conference in Warsaw")


def test_filters_narrow_the_list(client, organiser, events):
    client.force_login(organiser)
    past = client.get(URL, {"when": "past"}).content.decode()
    assert "Conference in Warsaw" in past and "Workshop in Lublin" not in past
    upcoming = client.get(URL, {"when": "upcoming"}).content.decode()
    assert "Workshop in Lublin" in upcoming and "Conference in Warsaw" not in upcoming
    conferences = client.get(URL, {"kind": "conference"}).content.decode()
    assert "Conference in Warsaw" in conferences and "Workshop in Lublin" not in conferences


@pytest.mark.parametrize(
    "query",
    [
        {"when": "yesterday"},
        {"kind": "\x00"},
        {"organisers": "abc"},
        {"organisers": "99999999999999999999"},
        {"ordering": "nonsense"},
        {"p": "-1"},
        {"venue_region": "x" * 3000},
    ],
)
def test_bad_filters_are_not_server_errors(client, organiser, events, query):
    client.force_login(organiser)
    assert client.get(URL, query).status_code < 500


def test_the_list_downloads_as_csv_and_xlsx(client, organiser, events):
    client.force_login(organiser)
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 200
    rows = downloads.csv_rows(response)
    assert rows[0][:2] == ["Event", "Start"]
    lublin = next(row for row in rows if row[0] == "Workshop in Lublin")
    assert lublin[7:9] == ["2", "1"]  # confirmed, waiting list
    response = client.get(URL, {"export": "xlsx"})
    assert response.status_code == 200
    assert "events-" in response["Content-Disposition"]


@pytest.mark.parametrize("who", ["anonymous", "member", "editor"])
def test_closed_to_everyone_but_organisers(client, request, events, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert b"Workshop in Lublin" not in response.content


def test_query_count_does_not_grow_with_events(
    client, organiser, events_index, django_assert_max_num_queries
):
    client.force_login(organiser)
    for n in range(3):
        EventPageFactory(parent=events_index, title=f"Training {n}")
    client.get(URL)
    with django_assert_max_num_queries(40) as few:
        client.get(URL)
    # Counted now: Django's query log keeps only the latest 9,000 queries.
    few = len(few.captured_queries)
    for n in range(25):
        EventPageFactory(parent=events_index, title=f"More training {n}")
    # The new rows made what the portal remembers per content generation (site,
    # locales, permissions) stale: the first request fills it again.
    client.get(URL)
    with django_assert_max_num_queries(few + 2):
        client.get(URL)


def test_series_filter_and_snippet(client, organiser, events_index):
    series = EventSeries.objects.create(
        name="Identifying victims – Border Guard field offices 2026", funder="ISF"
    )
    EventPageFactory(parent=events_index, title="Training in Chełm", series=series)
    EventPageFactory(parent=events_index, title="Webinar on recruitment")
    client.force_login(organiser)
    html = client.get(URL, {"series": series.pk}).content.decode()
    assert "Training in Chełm" in html and "Webinar on recruitment" not in html
    # Organisers manage the series themselves.
    listing = client.get("/admin/snippets/events/eventseries/")
    assert listing.status_code == 200
    assert "Identifying victims" in listing.content.decode()
    response = client.post(
        "/admin/snippets/events/eventseries/add/",
        {"name": "Labour inspectors 2027", "name_pl": "", "funder": "", "description": ""},
    )
    assert response.status_code == 302
    assert EventSeries.objects.filter(name="Labour inspectors 2027").exists()
