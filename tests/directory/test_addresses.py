"""Structured postal addresses: the old one-line address split into street,
postcode and city, and the institution page showing them."""

import importlib

import pytest
from django.apps import apps as global_apps

from directory.addresses import parse_address
from directory.choices import Visibility, region_key
from tests.directory.factories import InstitutionFactory


@pytest.mark.parametrize(
    ("text", "street", "postal_code", "city"),
    [
        ("al. 3 Maja 12 lok. 510, 00-391 Warszawa", "al. 3 Maja 12 lok. 510", "00-391", "Warszawa"),
        ("al. 3 Maja 12 lok. 510\n00-391 Warszawa", "al. 3 Maja 12 lok. 510", "00-391", "Warszawa"),
        ("ul. Nowogrodzka 1/3/5\r\n00-513 Warszawa", "ul. Nowogrodzka 1/3/5", "00-513", "Warszawa"),
        ("Skrytka pocztowa 5\n00-956 Warszawa 10", "Skrytka pocztowa 5", "00-956", "Warszawa 10"),
        ("Budynek B, ul. Długa 1, 80-827 Gdańsk", "Budynek B, ul. Długa 1", "80-827", "Gdańsk"),
        ("bul. Dondukov 2\n1055 Sofia", "bul. Dondukov 2", "1055", "Sofia"),
        ("ul. Graniczna 1\nTerespol", "ul. Graniczna 1", "", "Terespol"),
        ("ul. Graniczna 1", "ul. Graniczna 1", "", ""),
        ("", "", "", ""),
    ],
)
def test_one_line_addresses_are_split(text, street, postal_code, city):
    parsed = parse_address(text, known_city="Terespol")
    assert (parsed.street, parsed.postal_code, parsed.city) == (street, postal_code, city)


def test_region_names_and_slugs_are_stored_as_slugs():
    assert region_key("śląskie") == "slaskie"
    assert region_key("Śląskie") == "slaskie"
    assert region_key("slaskie") == "slaskie"
    assert region_key("Sofia City") == "Sofia City"


def test_the_migration_splits_existing_addresses(db):
    """The data migration's function, run on rows as the old model held them."""
    migration = importlib.import_module("directory.migrations.0007_structured_address")

    class Row:
        def __init__(self, postal_address, city):
            self.postal_address, self.city = postal_address, city
            self.street = self.postal_code = ""
            self.saved = None

        def save(self, update_fields):
            self.saved = update_fields

    rows = [
        Row("al. 3 Maja 12 lok. 510\n00-391 Warszawa", "Warszawa"),
        Row("ul. Piotrkowska 1, 90-001 Łódź", ""),
    ]

    class Manager:
        def exclude(self, **kwargs):
            return self

        def iterator(self):
            return iter(rows)

    class FakeApps:
        def get_model(self, app_label, name):
            assert (app_label, name) == ("directory", "Institution")
            return type("Institution", (), {"objects": Manager()})

    migration.split_addresses(FakeApps(), None)
    assert (rows[0].street, rows[0].postal_code, rows[0].city) == (
        "al. 3 Maja 12 lok. 510",
        "00-391",
        "Warszawa",
    )
    # An institution without a city gets the address's.
    assert (rows[1].street, rows[1].postal_code, rows[1].city) == (
        "ul. Piotrkowska 1",
        "90-001",
        "Łódź",
    )
    assert global_apps.get_model("directory", "Institution")._meta.get_field("postal_code")


def test_institution_page_shows_the_address_field_by_field(client, home_page):
    InstitutionFactory(
        slug="po-moc",
        name="PoMOC",
        city="Katowice",
        region="slaskie",
        street="ul. Warszawska 8",
        postal_code="40-006",
    )
    body = client.get("/directory/po-moc/").content.decode()
    assert '<span class="address-street">ul. Warszawska 8</span>' in body
    assert '<span class="address-locality">40-006 Katowice</span>' in body
    assert '<span class="address-region">śląskie</span>' in body
    assert '<span class="address-country">Poland</span>' in body


def test_members_only_street_and_postcode_stay_hidden(client, home_page):
    InstitutionFactory(
        slug="hidden-office",
        city="Katowice",
        region="slaskie",
        street="ul. Tajna 8",
        postal_code="40-999",
        address_visibility=Visibility.MEMBERS,
    )
    body = client.get("/directory/hidden-office/").content.decode()
    assert "ul. Tajna 8" not in body
    assert "40-999" not in body
    assert "visible to approved members" in body
