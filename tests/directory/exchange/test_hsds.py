"""The Open Referral (HSDS) JSON export."""

import uuid

import pytest


def test_hsds_export_has_required_fields(client, office):
    institution, person, _hidden = office
    response = client.get("/directory/hsds.json")
    assert response.status_code == 200
    data = response.json()
    for key in ("total_items", "total_pages", "page_number", "size", "contents"):
        assert key in data
    (organization,) = data["contents"]
    for key in ("id", "name", "description"):
        assert organization[key]
    uuid.UUID(organization["id"])
    assert organization["name"] == "Help Desk Łódź"
    (location,) = organization["locations"]
    assert location["location_type"] == "physical"
    assert location["latitude"] == pytest.approx(51.7592)
    (address,) = location["addresses"]
    for key in (
        "id",
        "address_1",
        "city",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ):
        assert key in address
    assert address["country"] == "PL"
    phones = {phone["number"] for phone in organization["phones"]}
    assert phones == {"+48 42 000 00 01", "+48 800 000 002"}
    for phone in organization["phones"]:
        uuid.UUID(phone["id"])
    (contact,) = organization["contacts"]
    assert contact["name"] == "Jan Kowalski"
    assert contact["email"] == "jan.kowalski@example.org"
    assert "Hidden Officer" not in response.content.decode()


def test_hsds_ids_are_stable_and_bad_page_is_404(client, office):
    first = client.get("/directory/hsds.json").json()["contents"][0]["id"]
    assert client.get("/directory/hsds.json").json()["contents"][0]["id"] == first
    assert client.get("/directory/hsds.json?page=5").status_code == 404
    assert client.get("/directory/hsds.json?kind=nonsense").status_code == 400
