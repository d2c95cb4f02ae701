import json
import re

import pytest
from django.core.management import call_command
from django.test import Client

from events.models import EventPage, InvitationCode, Registration
from portal.models import User


def snapshot():
    return {
        "events": sorted(
            EventPage.objects.values_list("slug", "locale__language_code", "start", "capacity")
        ),
        "registrations": sorted(
            Registration.objects.values_list("event__slug", "email", "status", "queue_number")
        ),
        "codes": InvitationCode.objects.count(),
    }


@pytest.mark.django_db
def test_seed_demo_events_are_complete_and_idempotent(demo):
    first = snapshot()
    call_command("seed_demo", verbosity=0)
    assert snapshot() == first

    def event(slug):
        return EventPage.objects.get(slug=slug, locale__language_code="en")

    conference = event("closing-conference")
    assert conference.is_past
    confirmed = conference.registrations.filter(status="confirmed")
    assert confirmed.values("institution").distinct().count() >= 10
    assert confirmed.filter(attended_at__isnull=False).exists()
    workshop = event("workshop-labour-exploitation")
    assert workshop.seats_left == 0 and workshop.registrations.filter(status="waiting").count() >= 3
    assert event("interinstitutional-meeting").audience == "invitation"
    assert event("interinstitutional-meeting").invitation_codes.exists()
    assert event("webinar-online-recruitment").is_online
    sofia = event("study-visit-sofia")
    assert sofia.timezone == "Europe/Sofia" and sofia.venue_country == "BG"
    assert (
        EventPage.objects.filter(
            kind="training",
            venue_region__in=["lubelskie", "podlaskie", "podkarpackie", "pomorskie"],
        ).count()
        >= 8
    )

    client = Client()
    assert client.get("/events/").status_code == 200
    assert client.get("/pl/wydarzenia/").status_code == 200
    response = client.get(sofia.url)
    data = json.loads(
        re.search(
            rb'<script type="application/ld\+json">(.*?)</script>', response.content, re.S
        ).group(1)
    )
    assert data["startDate"].endswith("+02:00") or data["startDate"].endswith("+03:00")

    organiser = User.objects.get(email="organiser@example.org")
    client.force_login(organiser)
    assert client.get(f"/admin/events/{workshop.pk}/registrations/").status_code == 200
    edit = client.get(f"/admin/pages/{workshop.pk}/edit/")
    assert f"/admin/events/{workshop.pk}/registrations/".encode() in edit.content


def test_demo_venues_are_structured_postal_addresses(demo):
    """Every demo event held somewhere has street, postcode and city apart."""
    held = EventPage.objects.filter(locale__language_code="en", is_online=False)
    assert held.exists()
    for event in held.exclude(slug__startswith="bench-"):
        assert event.venue_address and event.venue_postcode and event.venue_city, event.slug
        assert event.venue_postcode not in event.venue_address
        address = event.postal_address()
        assert address["postalCode"] == event.venue_postcode
        assert "" not in address.values()
