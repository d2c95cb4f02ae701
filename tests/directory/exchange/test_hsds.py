"""The Open Referral HSDS 3.0 API: its shape, parameters and errors, who sees
members-only data, and the personal API tokens."""

import datetime
import hashlib
import uuid
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from directory.choices import Visibility
from directory.models import ApiToken, Institution
from portal.models import Topic
from tests.directory.exchange.hsds_schemas import errors
from tests.directory.factories import ContactPersonFactory, InstitutionFactory

API = "/directory/api/hsds"
SECRETS = [
    "Sylvia Secretive",
    "sylvia.secret@people.example.org",
    "+48 22 999 11 11",
    "secret-office@institution.example.org",
    "+48 800 999 999",
    "Hidden Street 7",
    "00-001",
]


@pytest.fixture
def secret_office(office):
    institution = InstitutionFactory(
        name="Privacy Test Office",
        slug="privacy-test-office",
        city="Warszawa",
        street="Hidden Street 7",
        postal_code="00-001",
        address_visibility=Visibility.MEMBERS,
        email="secret-office@institution.example.org",
        email_visibility=Visibility.MEMBERS,
        hotline="+48 800 999 999",
        hotline_visibility=Visibility.MEMBERS,
    )
    ContactPersonFactory(
        institution=institution,
        name="Sylvia Secretive",
        email="sylvia.secret@people.example.org",
        phone="+48 22 999 11 11",
        visibility=Visibility.MEMBERS,
    )
    return institution


def read_everything(client):
    """The bodies of every endpoint for every record, as one text."""
    bodies = []
    organizations = client.get(f"{API}/organizations", {"full": "true"})
    bodies.append(organizations.content.decode())
    for record in organizations.json()["contents"]:
        bodies.append(client.get(f"{API}/organizations/{record['id']}").content.decode())
    services = client.get(f"{API}/services")
    bodies.append(services.content.decode())
    for record in services.json()["contents"]:
        bodies.append(client.get(f"{API}/services/{record['id']}").content.decode())
    bodies.append(client.get(f"{API}/organizations", {"search": "Secretive"}).content.decode())
    return "\n".join(bodies)


def test_root_names_the_version_profile_and_openapi(client, home_page, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.gov"
    root = client.get(f"{API}/").json()
    # On the public address, whatever host the request came in by.
    assert root == {
        "version": "3.0",
        "profile": "https://portal.example.gov/directory/api/hsds/profile/",
        "openapi_url": "https://portal.example.gov/directory/api/hsds/openapi.json",
    }
    profile = client.get(urlsplit(root["profile"]).path)
    assert profile.status_code == 200
    assert profile["Content-Type"] == "text/markdown; charset=utf-8"
    text = profile.content.decode()
    assert "HSDS profile" in text
    assert "schema/organization.json" in text
    patch = client.get(f"{API}/profile/schema/organization.json").json()
    assert patch["properties"]["tax_id"] is None
    assert client.get(f"{API}/profile/schema/nothing.json").status_code == 404
    openapi = client.get(root["openapi_url"]).json()
    assert set(openapi["paths"]) == {
        "/",
        "/organizations",
        "/organizations/{id}",
        "/services",
        "/services/{id}",
    }
    assert openapi["servers"] == [{"url": "https://portal.example.gov/directory/api/hsds/"}]


def test_organization_has_its_parts_linked_and_nothing_empty(client, office):
    institution, _person, _hidden = office
    Institution.objects.filter(pk=institution.pk).update(email="")
    data = client.get(f"{API}/organizations", {"full": "true"}).json()
    (organization,) = data["contents"]
    assert not errors("organization_strict", organization)
    assert organization["name"] == "Help Desk Łódź"
    (location,) = organization["locations"]
    assert location["organization_id"] == organization["id"]
    assert location["latitude"] == pytest.approx(51.7592)
    (address,) = location["addresses"]
    assert address == {
        "id": address["id"],
        "location_id": location["id"],
        "address_1": "ul. Piotrkowska 1",
        "city": "Łódź",
        "state_province": "łódzkie",
        "postal_code": "90-001",
        "country": "PL",
        "address_type": "physical",
    }
    # The office has no email: left out, not "".
    assert "email" not in organization
    assert "parent_organization_id" not in organization
    assert {phone["number"] for phone in organization["phones"]} == {
        "+48 42 000 00 01",
        "+48 800 000 002",
    }
    (contact,) = organization["contacts"]
    assert contact["name"] == "Jan Kowalski"
    assert "Hidden Officer" not in str(data)
    # Language entries have their own ids: the location's Polish is not the hotline's.
    location_polish = {language["id"] for language in location["languages"]}
    hotline = next(phone for phone in organization["phones"] if phone.get("languages"))
    assert location_polish.isdisjoint({language["id"] for language in hotline["languages"]})


def test_ids_are_stable_and_lead_to_the_record(client, office):
    first = client.get(f"{API}/organizations").json()["contents"][0]["id"]
    assert client.get(f"{API}/organizations").json()["contents"][0]["id"] == first
    assert client.get(f"{API}/organizations/{first}").json()["id"] == first
    assert client.get(f"{API}/organizations/{uuid.uuid4()}").status_code == 404
    missing = client.get(f"{API}/organizations/not-a-uuid")
    assert missing.status_code == 404
    assert missing.json()["errors"][0]["message"] == "There is no such record."


def test_services_are_competences_and_the_hotline(client, office):
    institution, _person, _hidden = office
    topic = Topic.objects.create(
        name="Legal aid", slug="legal-aid", description="Lawyers for victims."
    )
    institution.competences.add(topic)
    services = client.get(f"{API}/services").json()["contents"]
    assert [service["name"] for service in services] == ["24/7 hotline", "Legal aid"]
    hotline = client.get(f"{API}/services/{services[0]['id']}").json()
    assert [phone["number"] for phone in hotline["phones"]] == ["+48 800 000 002"]
    legal = client.get(f"{API}/services/{services[1]['id']}").json()
    (attribute,) = legal["attributes"]
    assert attribute["taxonomy_term"]["id"] == str(topic.translation_key)
    assert attribute["taxonomy_term"]["code"] == "legal-aid"
    for record in (hotline, legal):
        assert not errors("service_with_definitions", record)
    # Filtered by the topic, only the competence remains, on both lists.
    term = {"taxonomy_term_id": str(topic.translation_key)}
    assert [s["name"] for s in client.get(f"{API}/services", term).json()["contents"]] == [
        "Legal aid"
    ]
    assert client.get(f"{API}/organizations", term).json()["total_items"] == 1
    other = {"taxonomy_term_id": str(uuid.uuid4())}
    assert client.get(f"{API}/organizations", other).json()["empty"] is True
    assert client.get(f"{API}/services", {"search": "legal"}).json()["total_items"] == 1
    by_org = {"organization_id": client.get(f"{API}/organizations").json()["contents"][0]["id"]}
    assert client.get(f"{API}/services", by_org).json()["total_items"] == 2


def test_paging(client, home_page):
    for number in range(5):
        InstitutionFactory(name=f"Office {number}")
    first = client.get(f"{API}/organizations", {"per_page": 2}).json()
    assert {key: first[key] for key in first if key != "contents"} == {
        "total_items": 5,
        "total_pages": 3,
        "page_number": 1,
        "size": 2,
        "first_page": True,
        "last_page": False,
        "empty": False,
    }
    last = client.get(f"{API}/organizations", {"per_page": 2, "page": 3}).json()
    assert (last["size"], last["first_page"], last["last_page"]) == (1, False, True)
    names = [
        record["name"]
        for page in (1, 2, 3)
        for record in client.get(f"{API}/organizations", {"per_page": 2, "page": page}).json()[
            "contents"
        ]
    ]
    assert names == [f"Office {number}" for number in range(5)]
    beyond = client.get(f"{API}/organizations", {"per_page": 2, "page": 4})
    assert beyond.status_code == 404
    assert beyond.json()["errors"][0]["parameter"] == "page"
    assert client.get(f"{API}/organizations", {"page": "9" * 30}).status_code == 404


def test_an_empty_result_is_one_empty_page(client, home_page):
    data = client.get(f"{API}/organizations", {"search": "nothing-matches"}).json()
    assert data == {
        "total_items": 0,
        "total_pages": 0,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        ("organizations", {"page": "abc"}, "page"),
        ("organizations", {"page": "0"}, "page"),
        ("organizations", {"page": "-1"}, "page"),
        ("organizations", {"per_page": "0"}, "per_page"),
        ("organizations", {"per_page": "101"}, "per_page"),
        ("organizations", {"per_page": "١٠"}, "per_page"),
        ("organizations", {"modified_after": "yesterday"}, "modified_after"),
        ("organizations", {"modified_after": "2026-13-45"}, "modified_after"),
        ("organizations", {"taxonomy_term_id": "legal-aid"}, "taxonomy_term_id"),
        ("organizations", {"full": "maybe"}, "full"),
        ("organizations", {"format": "ndjson"}, "format"),
        ("organizations", {"colour": "red"}, "colour"),
        ("organizations", {"search": "x" * 201}, "search"),
        ("services", {"organization_id": "42"}, "organization_id"),
        ("services", {"full": "true"}, "full"),
        ("", {"page": "1"}, "page"),
    ],
)
def test_bad_parameters_get_400_with_a_json_error(client, home_page, path, params, parameter):
    response = client.get(f"{API}/{path}", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["status"] == 400
    assert body["errors"][0]["parameter"] == parameter
    assert body["errors"][0]["message"]


def test_a_parameter_given_twice_is_a_400(client, home_page):
    response = client.get(f"{API}/organizations?page=1&page=2")
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "page"


def test_search_finds_by_name_and_city(client, office):
    InstitutionFactory(name="Other Place", city="Gdynia")
    found = client.get(f"{API}/organizations", {"search": "łódź"}).json()
    assert [record["name"] for record in found["contents"]] == ["Help Desk Łódź"]
    found = client.get(f"{API}/organizations", {"search": "gdynia"}).json()
    assert [record["name"] for record in found["contents"]] == ["Other Place"]


def test_modified_after(client, office):
    institution, _person, _hidden = office
    old = InstitutionFactory(name="Unchanged Office")
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Institution.objects.filter(pk=old.pk).update(updated_at=long_ago)
    day = (timezone.now() - datetime.timedelta(days=30)).date().isoformat()
    for value in (day, f"{day}T00:00:00", f"{day}T00:00:00Z", f"{day}T00:00:00+02:00"):
        found = client.get(f"{API}/organizations", {"modified_after": value}).json()
        assert [record["name"] for record in found["contents"]] == ["Help Desk Łódź"], value
    everything = client.get(f"{API}/organizations", {"modified_after": "2000-01-01"}).json()
    assert everything["total_items"] == 2
    # A change to a person the viewer may see counts as a change of the organization.
    Institution.objects.filter(pk=institution.pk).update(updated_at=long_ago)
    found = client.get(f"{API}/organizations", {"modified_after": day}).json()
    assert [record["name"] for record in found["contents"]] == ["Help Desk Łódź"]


def test_members_only_values_reach_only_members(client, secret_office, approved_member):
    anonymous = read_everything(client)
    assert "Privacy Test Office" in anonymous
    for secret in SECRETS:
        assert secret not in anonymous, secret
    member = Client()
    member.force_login(approved_member)
    seen = read_everything(member)
    for secret in SECRETS:
        assert secret in seen, secret
    assert member.get(f"{API}/organizations")["Cache-Control"] == "private, no-store"
    assert "Authorization" in client.get(f"{API}/organizations")["Vary"]


def test_an_unverified_user_sees_only_public_values(secret_office, unverified):
    client = Client()
    client.force_login(unverified)
    seen = read_everything(client)
    for secret in SECRETS:
        assert secret not in seen, secret


def test_a_token_opens_members_only_values_until_revoked(secret_office, approved_member):
    token, secret = ApiToken.issue(approved_member, "Case system")
    with_token = Client(headers={"Authorization": f"Bearer {secret}"})
    seen = read_everything(with_token)
    for value in SECRETS:
        assert value in seen, value
    token.refresh_from_db()
    assert token.last_used_at is not None
    token.revoke()
    response = with_token.get(f"{API}/organizations", {"full": "true"})
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["errors"][0]["message"] == (
        "The API token is unknown or has been revoked."
    )
    for value in SECRETS:
        assert value not in response.content.decode()
    for header in (f"Bearer {secret}x", "Bearer ", f"Token {secret}", "Basic dXNlcjpwYXNz"):
        assert Client(headers={"Authorization": header}).get(f"{API}/").status_code == 401


def test_a_token_of_someone_no_longer_a_member_shows_public_values(secret_office, approved_member):
    _token, secret = ApiToken.issue(approved_member, "Case system")
    approved_member.memberships.update(status="rejected")
    approved_member.groups.clear()
    seen = read_everything(Client(headers={"Authorization": f"Bearer {secret}"}))
    for value in SECRETS:
        assert value not in seen, value


def test_members_make_and_revoke_tokens_on_my_account(client, approved_member, home_page):
    client.force_login(approved_member)
    account = client.get("/account/").content.decode()
    assert "Directory API tokens" in account
    response = client.post("/directory/api/tokens/", {"api-token-name": "Case system"})
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    (token,) = ApiToken.objects.filter(user=approved_member)
    secret = response.context["secret"]
    assert secret in response.content.decode()
    assert len(secret) > 40
    # Only a digest is kept, and the secret is never shown again.
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    account = client.get("/account/").content.decode()
    assert "Case system" in account
    assert token.prefix in account
    assert secret not in account
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    assert api.get(f"{API}/organizations").status_code == 200

    response = client.post(f"/directory/api/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api.get(f"{API}/organizations").status_code == 401
    assert token.prefix not in client.get("/account/").content.decode()


def test_tokens_are_unguessable_and_distinct(approved_member):
    secrets = {ApiToken.issue(approved_member, f"t{number}")[1] for number in range(20)}
    assert len(secrets) == 20
    assert all(len(secret) >= 43 for secret in secrets)


def test_only_members_make_tokens_and_only_their_own_are_revoked(
    client, user, approved_member, home_page
):
    client.force_login(user)
    assert "Directory API tokens" not in client.get("/account/").content.decode()
    assert client.post("/directory/api/tokens/", {"api-token-name": "x"}).status_code == 404
    assert not ApiToken.objects.exists()
    token, _secret = ApiToken.issue(approved_member, "Theirs")
    assert client.post(f"/directory/api/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    anonymous = Client()
    response = anonymous.post("/directory/api/tokens/", {"api-token-name": "x"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_token_needs_a_name(client, approved_member, home_page):
    client.force_login(approved_member)
    response = client.post("/directory/api/tokens/", {"api-token-name": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_old_export_address_redirects_to_the_api(client, office):
    response = client.get("/directory/hsds.json")
    assert response.status_code == 301
    assert response["Location"] == f"{API}/organizations?full=true"
    response = client.get("/directory/hsds.json", {"q": "łódź", "page": "2"})
    assert response["Location"] == (
        f"{API}/organizations?full=true&search=%C5%82%C3%B3d%C5%BA&page=2"
    )


def test_polish_address_gives_polish_names(client, office):
    institution, _person, _hidden = office
    topic = Topic.objects.create(name="Legal aid", slug="legal-aid")
    institution.competences.add(topic)
    root = client.get(f"/pl{API}/").json()
    assert root["profile"].endswith("/pl/directory/api/hsds/profile/")
    services = client.get(f"/pl{API}/services").json()["contents"]
    assert services[0]["name"] == "Telefon całodobowy"


def test_the_directory_list_links_the_api_with_its_search(client, office):
    body = client.get("/directory/", {"q": "łódź"}).content.decode()
    assert (
        'href="/directory/api/hsds/organizations?full=true&amp;search=%C5%82%C3%B3d%C5%BA"' in body
    )
