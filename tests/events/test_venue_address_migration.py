"""The data migration that splits today's free-text venue addresses into
street, postcode and city (events 0008)."""

import importlib

import pytest
from django.apps import apps

from tests.events.factories import EventPageFactory

migration = importlib.import_module("events.migrations.0008_event_venue_split_postcode")

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("address", "city", "expected"),
    [
        (
            "ul. Stefana Batorego 5, 02-591 Warszawa",
            "",
            ("ul. Stefana Batorego 5", "02-591", "Warszawa"),
        ),
        (
            "al. 3 Maja 12 lok. 510, 00-391 Warszawa",
            "Warszawa",
            ("al. 3 Maja 12 lok. 510", "00-391", "Warszawa"),
        ),
        ("ul. Długa 1 22-100 Chełm", "", ("ul. Długa 1", "22-100", "Chełm")),
        ("80-563 Gdańsk", "", ("", "80-563", "Gdańsk")),
        # A city already given is kept.
        (
            "ul. Bema 100, 15-370 Białystok",
            "Białystok-Dojlidy",
            ("ul. Bema 100", "15-370", "Białystok-Dojlidy"),
        ),
        ("ul. Spokojna 4", "Lublin", None),
        ("bul. Dondukov 52", "Sofia", None),
        ("", "", None),
    ],
)
def test_split_address(address, city, expected):
    assert migration.split_address(address, city) == expected


def test_forwards_splits_pages_and_their_revisions(events_index):
    mixed = EventPageFactory(
        parent=events_index,
        venue_address="ul. Barska 28/30, 02-315 Warszawa",
        venue_city="",
        venue_name="Chief Labour Inspectorate",
    )
    revision = mixed.save_revision()
    plain = EventPageFactory(parent=events_index, venue_address="ul. Spokojna 4")
    migration.forwards(apps, None)
    mixed.refresh_from_db()
    assert (mixed.venue_address, mixed.venue_postcode, mixed.venue_city) == (
        "ul. Barska 28/30",
        "02-315",
        "Warszawa",
    )
    revision.refresh_from_db()
    assert revision.content["venue_address"] == "ul. Barska 28/30"
    assert revision.content["venue_postcode"] == "02-315"
    # Publishing the draft made before the split keeps the split.
    revision.publish()
    mixed.refresh_from_db()
    assert mixed.venue_postcode == "02-315"
    plain.refresh_from_db()
    assert (plain.venue_address, plain.venue_postcode) == ("ul. Spokojna 4", "")
