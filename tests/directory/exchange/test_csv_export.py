"""The members' CSV export of the filtered list."""

from django.utils import timezone

from tests import downloads
from tests.directory.factories import InstitutionFactory


def test_csv_export_follows_filters(client, office, approved_member):
    InstitutionFactory(name="Other Place", city="Gdynia", region="pomorskie")
    client.force_login(approved_member)
    response = client.get("/directory/export.csv", {"region": "lodzkie"})
    assert response.status_code == 200
    rows = downloads.csv_records(response)
    assert [row["name"] for row in rows] == ["Help Desk Łódź"]
    # A spreadsheet program would read a leading "+" as the start of a formula.
    assert rows[0]["hotline"] == "'+48 800 000 002"
    assert rows[0]["languages"] == "pl uk"
    list_page = client.get("/directory/?region=lodzkie").content.decode()
    assert "/directory/export.csv?region=lodzkie" in list_page


def test_csv_export_is_safe_to_open_in_a_spreadsheet(client, office, approved_member):
    InstitutionFactory(name="=cmd|' /C calc'!A0", city="Chełm\x1b[31m", region="lubelskie")
    client.force_login(approved_member)
    response = client.get("/directory/export.csv", {"region": "lubelskie"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert downloads.filename(response) == f"directory-{timezone.localdate().isoformat()}.csv"
    (row,) = downloads.csv_records(response)
    assert row["name"] == "'=cmd|' /C calc'!A0"
    assert row["city"] == "Chełm[31m"


def test_csv_export_has_the_address_field_by_field(client, office, approved_member):
    client.force_login(approved_member)
    (row,) = downloads.csv_records(client.get("/directory/export.csv", {"region": "lodzkie"}))
    assert row["street"] == "ul. Piotrkowska 1"
    assert row["postal_code"] == "90-001"
    assert row["city"] == "Łódź"
    assert row["region"] == "łódzkie"
    assert row["country"] == "PL"
    assert "postal_address" not in row
