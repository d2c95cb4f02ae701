"""Members-only data never reaches anonymous or unverified users through any
door; members and moderators see it."""

import pytest

from directory.choices import Visibility
from portal.roles import MEMBERS, STAFF_ROLES
from tests import downloads
from tests.directory.factories import ContactPersonFactory, InstitutionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.database

SECRETS = [
    "Sylvia Secretive",
    "sylvia.secret@people.example.org",
    "+48 22 999 11 11",
    "+48 500 999 111",
    "secret-office@institution.example.org",
    "+48 800 999 999",
    "Hidden Street 7",
]
PUBLIC = ["Paula Public", "+48 22 000 55 55"]


@pytest.fixture
def directory_data(home_page):
    institution = InstitutionFactory(
        name="Privacy Test Office",
        slug="privacy-test-office",
        phone="+48 22 000 55 55",
        email="secret-office@institution.example.org",
        email_visibility=Visibility.MEMBERS,
        hotline="+48 800 999 999",
        hotline_visibility=Visibility.MEMBERS,
        street="Hidden Street 7",
        postal_code="00-001",
        address_visibility=Visibility.MEMBERS,
        latitude="52.1",
        longitude="21.0",
    )
    public = ContactPersonFactory(
        institution=institution,
        name="Paula Public",
        visibility=Visibility.PUBLIC,
        is_focal_point=False,
    )
    secret = ContactPersonFactory(
        institution=institution,
        name="Sylvia Secretive",
        email="sylvia.secret@people.example.org",
        phone="+48 22 999 11 11",
        mobile="+48 500 999 111",
        visibility=Visibility.MEMBERS,
        is_focal_point=True,
    )
    return {"institution": institution, "public": public, "secret": secret}


def doors(data):
    institution, secret, public = data["institution"], data["secret"], data["public"]
    return [
        "/directory/",
        "/pl/directory/",
        "/directory/?q=Secretive",
        "/directory/?focal=on",
        "/directory/?hotline=on",
        f"/directory/{institution.slug}/",
        f"/pl/directory/{institution.slug}/",
        f"/directory/{institution.slug}.vcf",
        f"/directory/contacts/{secret.pk}/",
        f"/directory/contacts/{secret.pk}.vcf",
        f"/directory/contacts/{public.pk}/",
        f"/directory/contacts/{public.pk}.vcf",
        "/directory/export.csv",
        "/directory/hsds.json",
        "/directory/hsds.json?q=Secretive",
        "/directory/api/hsds/organizations?full=true",
        "/directory/api/hsds/organizations?search=Secretive",
        "/directory/api/hsds/services",
        "/search/?q=Secretive",
        "/",
    ]


@pytest.mark.parametrize("viewer", ["anonymous", "unverified"])
def test_no_door_leaks_members_only_data(viewers, directory_data, viewer):
    client = viewers[viewer]
    for url in doors(directory_data):
        response = client.get(url)
        assert response.status_code in {200, 301, 302, 404}, url
        body = response.content.decode()
        for secret in SECRETS:
            assert secret not in body, f"{secret!r} leaked to {viewer} at {url}"


@pytest.mark.parametrize("viewer", ["anonymous", "unverified"])
def test_hidden_people_do_not_match_searches_or_filters(viewers, directory_data, viewer):
    client = viewers[viewer]
    assert client.get("/directory/?q=Secretive").context["result_count"] == 0
    # The only focal point is members-only, the hotline too.
    assert client.get("/directory/?focal=on").context["result_count"] == 0
    assert client.get("/directory/?hotline=on").context["result_count"] == 0
    secret = directory_data["secret"]
    assert client.get(f"/directory/contacts/{secret.pk}.vcf").status_code == 404
    assert client.get(f"/directory/contacts/{secret.pk}/").status_code == 404


@pytest.mark.parametrize("viewer", ["anonymous", "unverified"])
def test_public_data_is_shown_to_everyone(viewers, directory_data, viewer):
    body = viewers[viewer].get("/directory/privacy-test-office/").content.decode()
    for value in PUBLIC:
        assert value in body
    assert "visible to approved members" in body
    # No OpenStreetMap link: the coordinates belong to the hidden address.
    assert "openstreetmap.org" not in body


@pytest.mark.parametrize("viewer", ["member", "moderator"])
def test_members_see_everything(viewers, directory_data, viewer):
    client = viewers[viewer]
    institution, secret = directory_data["institution"], directory_data["secret"]
    detail = client.get(f"/directory/{institution.slug}/").content.decode()
    for value in SECRETS + PUBLIC:
        assert value in detail
    assert "openstreetmap.org/?mlat=52.1" in detail
    assert client.get("/directory/?q=Secretive").context["result_count"] == 1
    assert client.get("/directory/?focal=on").context["result_count"] == 1
    assert client.get("/directory/?hotline=on").context["result_count"] == 1
    vcard = client.get(f"/directory/contacts/{secret.pk}.vcf").content.decode()
    assert "sylvia.secret@people.example.org" in vcard
    assert "+48 800 999 999" in client.get(f"/directory/{institution.slug}.vcf").content.decode()
    csv_body = downloads.body(client.get("/directory/export.csv")).decode()
    assert "secret-office@institution.example.org" in csv_body
    assert "Sylvia Secretive" in csv_body
    hsds = client.get("/directory/api/hsds/organizations?full=true").json()
    (organization,) = [org for org in hsds["contents"] if org["name"] == "Privacy Test Office"]
    contacts = organization["contacts"]
    assert {contact["name"] for contact in contacts} == {"Paula Public", "Sylvia Secretive"}


def test_inactive_people_are_hidden_even_from_members(viewers, directory_data):
    person = ContactPersonFactory(
        institution=directory_data["institution"],
        name="Ina Inactive",
        visibility=Visibility.PUBLIC,
        is_active=False,
    )
    client = viewers["member"]
    assert "Ina Inactive" not in client.get("/directory/privacy-test-office/").content.decode()
    assert client.get(f"/directory/contacts/{person.pk}.vcf").status_code == 404


def test_csv_export_is_for_members_only(viewers, directory_data):
    response = viewers["anonymous"].get("/directory/export.csv")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert viewers["unverified"].get("/directory/export.csv").status_code == 404
    assert "export.csv" not in viewers["anonymous"].get("/directory/").content.decode()


def test_report_form_is_for_members_only(viewers, directory_data):
    url = "/directory/privacy-test-office/report/"
    for viewer in ("anonymous", "unverified"):
        assert viewers[viewer].post(url, {"message": "Old"}).status_code == 404
        page = viewers[viewer].get("/directory/privacy-test-office/").content.decode()
        assert "Report outdated information" not in page


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_roles_see_members_only_contacts_without_a_membership(client, directory_data, role):
    client.force_login(UserFactory(email=f"{role.lower()}.staff@example.org", groups=[role]))
    detail = client.get(f"/directory/{directory_data['institution'].slug}/").content.decode()
    assert "sylvia.secret@people.example.org" in detail


def test_a_member_without_a_staff_role_needs_an_approved_membership(client, directory_data):
    client.force_login(UserFactory(email="lonely.member@example.org", groups=[MEMBERS]))
    detail = client.get(f"/directory/{directory_data['institution'].slug}/").content.decode()
    assert "sylvia.secret@people.example.org" not in detail
