"""The attendance report."""

import datetime

import pytest
from django.utils import timezone

from events.models import Registration
from tests.events.admin.conftest import admin_url
from tests.events.factories import EventPageFactory, InstitutionFactory, in_days

pytestmark = [pytest.mark.django_db, pytest.mark.database]


def test_attendance_report(client, events_index, organiser):
    hq = InstitutionFactory(name="HQ", kind="border_guard", region="mazowieckie")
    unit = InstitutionFactory(name="Unit", kind="border_guard", parent=hq, region="lubelskie")
    post = InstitutionFactory(
        name="Post Terespol", kind="border_guard", parent=unit, region="lubelskie"
    )
    ngo = InstitutionFactory(name="NGO", kind="ngo", region="mazowieckie")
    past1 = EventPageFactory(
        parent=events_index,
        start=in_days(-20),
        end=in_days(-20, 16),
        venue_city="Chełm",
        capacity=None,
    )
    past2 = EventPageFactory(
        parent=events_index,
        start=in_days(-10),
        end=in_days(-10, 16),
        venue_city="Gdańsk",
        capacity=None,
    )
    for n, inst in enumerate([post, post, ngo, unit]):
        Registration.objects.create(
            event=past1,
            status="confirmed",
            queue_number=n + 1,
            name="x",
            email=f"p{n}@example.org",
            institution=inst,
        )
    Registration.objects.create(
        event=past2,
        status="confirmed",
        queue_number=1,
        name="x",
        email="p0@example.org",
        institution=post,
        attended_at=timezone.now(),
    )
    Registration.objects.create(
        event=past2,
        status="confirmed",
        queue_number=2,
        name="x",
        email="absent@example.org",
        institution=ngo,
    )
    # A third event in a city already counted: still two distinct locations.
    past3 = EventPageFactory(
        parent=events_index,
        start=in_days(-8),
        end=in_days(-8, 16),
        venue_city="Chełm",
        capacity=None,
    )
    Registration.objects.create(
        event=past3,
        status="confirmed",
        queue_number=1,
        name="x",
        email="p1@example.org",
        institution=post,
    )
    client.force_login(organiser)
    report = client.get(admin_url("report")).context["report"]
    assert report["events_held"] == 3
    assert report["locations"] == 2
    assert report["institutions"] == 3
    assert report["field_offices"] == 1
    # past2 had check-in, so only the one who came counts there.
    assert report["participations"] == 6
    assert report["people"] == 4
    by_kind = {row["label"]: row["count"] for row in report["by_kind"]}
    # People, each once: p0, p1 and p3 came from Border Guard units (5 participations).
    assert by_kind["Border Guard unit"] == 3
    report = client.get(admin_url("report") + f"?event={past2.pk}").context["report"]
    assert report["participations"] == 1
    start = (timezone.localdate() - datetime.timedelta(days=15)).isoformat()
    report = client.get(admin_url("report") + f"?date_from={start}").context["report"]
    assert report["events_held"] == 2
