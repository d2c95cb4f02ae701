import csv
import io
import uuid

import pytest
import vobject

from directory.choices import Visibility
from tests.directory.factories import ContactPersonFactory, InstitutionFactory


@pytest.fixture
def office(home_page):
    institution = InstitutionFactory(
        name="Help Desk Łódź",
        slug="help-desk-lodz",
        city="Łódź",
        region="lodzkie",
        postal_address="ul. Piotrkowska 1\n90-001 Łódź",
        latitude="51.759200",
        longitude="19.456000",
        phone="+48 42 000 00 01",
        hotline="+48 800 000 002",
        website="https://helpdesk.example.org/",
        description="Help for migrants.",
        languages=["pl", "uk"],
    )
    person = ContactPersonFactory(
        institution=institution,
        name="Jan Kowalski",
        position="Coordinator",
        email="jan.kowalski@example.org",
        phone="+48 42 000 00 03",
        mobile="+48 500 000 004",
        visibility=Visibility.PUBLIC,
    )
    hidden = ContactPersonFactory(institution=institution, name="Hidden Officer")
    return institution, person, hidden


def test_contact_vcard_parses_back(client, office):
    _institution, person, _hidden = office
    response = client.get(f"/directory/contacts/{person.pk}.vcf")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/vcard")
    card = vobject.readOne(response.content.decode())
    assert card.fn.value == "Jan Kowalski"
    assert card.n.value.family == "Kowalski"
    assert card.email.value == "jan.kowalski@example.org"
    assert {tel.value for tel in card.tel_list} == {"+48 42 000 00 03", "+48 500 000 004"}
    assert card.org.value == ["Help Desk Łódź"]
    assert card.title.value == "Coordinator"


def test_institution_vcard_parses_back(client, office):
    institution, _person, _hidden = office
    response = client.get(f"/directory/{institution.slug}.vcf")
    card = vobject.readOne(response.content.decode())
    assert card.fn.value == "Help Desk Łódź"
    assert {tel.value for tel in card.tel_list} == {"+48 42 000 00 01", "+48 800 000 002"}
    assert card.adr.value.city == "Łódź"
    assert card.url.value == "https://helpdesk.example.org/"


def test_pages_link_their_vcards(client, office):
    institution, person, _hidden = office
    page = client.get(f"/directory/{institution.slug}/").content.decode()
    assert f'type="text/vcard" href="/directory/{institution.slug}.vcf"' in page
    assert f'href="/directory/contacts/{person.pk}.vcf" type="text/vcard"' in page
    contact_page = client.get(f"/directory/contacts/{person.pk}/").content.decode()
    assert f'href="/directory/contacts/{person.pk}.vcf"' in contact_page
    assert "openstreetmap.org/?mlat=51.759200&amp;mlon=19.456000" in page
    assert "<iframe" not in page


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


def test_csv_export_follows_filters(client, office, approved_member):
    InstitutionFactory(name="Other Place", city="Gdynia", region="pomorskie")
    client.force_login(approved_member)
    response = client.get("/directory/export.csv", {"region": "lodzkie"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["name"] for row in rows] == ["Help Desk Łódź"]
    assert rows[0]["hotline"] == "+48 800 000 002"
    assert rows[0]["languages"] == "pl uk"
    list_page = client.get("/directory/?region=lodzkie").content.decode()
    assert "/directory/export.csv?region=lodzkie" in list_page
