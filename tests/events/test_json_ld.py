"""schema.org Event JSON-LD on event pages, in the shape search engines'
Event rich results ask for: url, image, offers, a full PostalAddress,
eventStatus, and never an empty string."""

import json
import re

import jsonschema
import pytest
from django.utils import timezone

from events import services
from events.choices import EventStatus
from tests.events.conftest import person
from tests.events.factories import EventImageFactory as ImageFactory
from tests.events.factories import EventPageFactory, in_days

pytestmark = pytest.mark.django_db

BASE = "https://portal.example.gov"

TEXT = {"type": "string", "minLength": 1}
URL = {"type": "string", "pattern": r"^https://portal\.example\.gov/"}
POSTAL_ADDRESS = {
    "type": "object",
    "required": ["@type", "addressLocality", "addressCountry"],
    "properties": {
        "@type": {"const": "PostalAddress"},
        "streetAddress": TEXT,
        "postalCode": {"type": "string", "pattern": r"^\d{2}-\d{3}$|^\d{4}$"},
        "addressLocality": TEXT,
        "addressRegion": TEXT,
        "addressCountry": {"type": "string", "pattern": "^[A-Z]{2}$"},
    },
    "additionalProperties": False,
}
OFFER = {
    "type": "object",
    "required": ["@type", "url", "price", "priceCurrency", "availability", "validFrom"],
    "properties": {
        "@type": {"const": "Offer"},
        "url": URL,
        "price": {"const": 0},
        "priceCurrency": {"type": "string", "pattern": "^[A-Z]{3}$"},
        "availability": {"enum": ["https://schema.org/InStock", "https://schema.org/SoldOut"]},
        "validFrom": {"type": "string", "format": "date-time"},
        "validThrough": {"type": "string", "format": "date-time"},
    },
}
EVENT = {
    "type": "object",
    "required": [
        "@context",
        "@type",
        "name",
        "startDate",
        "endDate",
        "eventStatus",
        "url",
        "image",
        "location",
        "eventAttendanceMode",
    ],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "Event"},
        "name": TEXT,
        "description": TEXT,
        "url": URL,
        "image": {"type": "array", "minItems": 1, "items": URL},
        "eventStatus": {
            "enum": [
                "https://schema.org/EventScheduled",
                "https://schema.org/EventPostponed",
                "https://schema.org/EventCancelled",
            ]
        },
        "isAccessibleForFree": {"const": True},
        "location": {
            "type": "object",
            "required": ["@type", "name", "address"],
            "properties": {
                "@type": {"const": "Place"},
                "name": TEXT,
                "address": POSTAL_ADDRESS,
            },
        },
        "offers": OFFER,
    },
}


def json_ld(response):
    match = re.search(
        rb'<script type="application/ld\+json">(.*?)</script>', response.content, re.S
    )
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, str):
        yield value


def validate(data):
    jsonschema.validate(data, EVENT, format_checker=jsonschema.FormatChecker())
    assert "" not in list(strings(data)), "an empty string in JSON-LD"
    assert not any("localhost" in text or "testserver" in text for text in strings(data))


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE


def test_full_event_json_ld(client, events_index):
    event = EventPageFactory(
        parent=events_index,
        title="Identification of victims",
        introduction="A training for officers.",
        venue_name="Chief Labour Inspectorate",
        venue_address="ul. Barska 28/30",
        venue_postcode="02-315",
        venue_city="Warszawa",
        venue_region="mazowieckie",
        capacity=2,
        registration_opens_at=in_days(-1),
        image=ImageFactory(title="Training room", alt_text="A training room"),
    )
    services.register(event, person(1))
    response = client.get(event.url, HTTP_HOST="10.0.0.7:8401")
    data = json_ld(response)
    validate(data)
    assert data["url"] == f"{BASE}{event.url}"
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "ul. Barska 28/30",
        "postalCode": "02-315",
        "addressLocality": "Warszawa",
        "addressRegion": "mazowieckie",
        "addressCountry": "PL",
    }
    assert data["image"][0].startswith(f"{BASE}/")
    assert "/images/" in data["image"][0] or "/media/" in data["image"][0]
    offer = data["offers"]
    assert offer["availability"] == "https://schema.org/InStock"
    assert offer["url"] == f"{BASE}{event.url}register/"
    assert (
        offer["validFrom"]
        == timezone.localtime(event.registration_opens_at, event.zone)
        .replace(microsecond=0)
        .isoformat()
    )
    # The page shows the picture and the address, line by line.
    html = response.content.decode()
    assert 'alt="A training room"' in html
    assert "ul. Barska 28/30<br>02-315 Warszawa<br>mazowieckie" in html


def test_full_event_is_sold_out(client, events_index):
    event = EventPageFactory(parent=events_index, capacity=1, waiting_list_enabled=False)
    event.save_revision().publish()
    event.refresh_from_db()
    services.register(event, person(1))
    data = json_ld(client.get(event.url))
    validate(data)
    assert data["offers"]["availability"] == "https://schema.org/SoldOut"
    # Without a set opening time, registration opened with the publication.
    assert (
        data["offers"]["validFrom"]
        == timezone.localtime(event.first_published_at, event.zone)
        .replace(microsecond=0)
        .isoformat()
    )
    assert data["remainingAttendeeCapacity"] == 0


def test_event_without_image_street_or_registration(client, events_index):
    event = EventPageFactory(
        parent=events_index,
        introduction="",
        venue_address="",
        venue_postcode="",
        venue_region="",
        registration_enabled=False,
    )
    response = client.get(event.url)
    data = json_ld(response)
    validate(data)
    # The portal's illustration stands in for a missing picture.
    assert data["image"] == [f"{BASE}/static/events/img/event-default.png"]
    assert "events/img/event-default.png" in response.content.decode()
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Chełm",
        "addressCountry": "PL",
    }
    assert "offers" not in data and "description" not in data


def test_cancelled_event(client, events_index):
    event = EventPageFactory(parent=events_index, status=EventStatus.CANCELLED)
    response = client.get(event.url)
    data = json_ld(response)
    validate(data)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert "offers" not in data  # nobody can register any more
    assert b"This event has been cancelled." in response.content


def test_event_cards_show_pictures(client, events_index, django_assert_max_num_queries):
    EventPageFactory(parent=events_index, title="Without picture")
    EventPageFactory(
        parent=events_index,
        title="With picture",
        image=ImageFactory(title="Room", alt_text="A room"),
    )
    html = client.get(events_index.url).content.decode()
    assert "events/img/event-default.png" in html
    assert html.count('class="event-card__image"') == 2
    # Pictures are fetched for the whole page at once, not per card.
    for number in range(5):
        EventPageFactory(
            parent=events_index,
            title=f"More {number}",
            image=ImageFactory(title=f"Room {number}", alt_text="A room"),
        )
    client.get(events_index.url)  # renditions are made on first view
    with django_assert_max_num_queries(30) as counted:
        client.get(events_index.url)
    assert len(counted) < 30
