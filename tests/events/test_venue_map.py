"""A map of the venue from its coordinates, drawn only from the tile server an
operator configured; without one, no third party is asked for anything and
the venue still opens in the phone's map app."""

import math
from decimal import Decimal

import pytest

from tests.events.factories import EventPageFactory

pytestmark = pytest.mark.django_db

CHELM = (51.1323, 23.4719)


@pytest.fixture
def venue(events_index):
    return EventPageFactory(
        parent=events_index,
        slug="training-chelm",
        latitude=Decimal("51.132300"),
        longitude=Decimal("23.471900"),
    )


def test_without_a_tile_server_there_is_no_map_but_a_geo_link(client, venue, settings):
    settings.MAP_TILE_URL = ""
    html = client.get(venue.url).content.decode()
    assert 'href="geo:51.132300,23.471900"' in html
    assert "<image" not in html
    assert "tile" not in html.lower()


def test_with_a_tile_server_the_venue_is_on_the_map(client, venue, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_ATTRIBUTION = "© OpenStreetMap contributors"
    html = client.get(venue.url).content.decode()
    count = 2**15
    column = int((CHELM[1] + 180) / 360 * count)
    row = int((1 - math.asinh(math.tan(math.radians(CHELM[0]))) / math.pi) / 2 * count)
    assert f'href="https://tiles.example.org/15/{column}/{row}.png"' in html
    assert 'role="img" aria-label="Map of' in html
    assert "<circle" in html
    assert "© OpenStreetMap contributors" in html


def test_no_map_without_coordinates(client, events_index, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    event = EventPageFactory(parent=events_index, slug="somewhere")
    html = client.get(event.url).content.decode()
    assert "<image" not in html and "geo:" not in html
