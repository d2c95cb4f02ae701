"""Every record the HSDS API and the old export address return for the demo
directory, read as anonymous visitor and as member (signed in, and with a
personal API token), passes the official HSDS 3.0 schemas with format checks,
strict where the portal's profile allows."""

import collections

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from directory.models import ApiToken, Institution
from tests.directory.exchange.hsds_schemas import (
    empty_values,
    entry_ids,
    errors,
    profile_removed,
    schema,
)

API = "/directory/api/hsds"


@pytest.fixture
def viewers(demo):
    user = get_user_model().objects.get(email="member@example.org")
    signed_in = Client()
    signed_in.force_login(user)
    _token, secret = ApiToken.issue(user, "validator")
    return {
        "anonymous": Client(),
        "member": signed_in,
        "token": Client(headers={"Authorization": f"Bearer {secret}"}),
    }


def all_pages(client, path, **params):
    """Every record of a list, page by page, checking the Page fields."""
    records, page = [], 1
    while True:
        response = client.get(path, {**params, "page": page, "per_page": 100})
        assert response.status_code == 200, response.content
        data = response.json()
        assert data["page_number"] == page
        assert data["size"] == len(data["contents"])
        assert data["first_page"] is (page == 1)
        records += data["contents"]
        if data["last_page"]:
            assert data["total_pages"] == page
            assert data["total_items"] == len(records)
            return records
        page += 1


def check(schema_name, records):
    problems = {}
    for record in records:
        found = errors(schema_name, record) + [
            f"empty value at {path}" for path in empty_values(record)
        ]
        if found:
            problems[record.get("id")] = found
    assert not problems, f"{len(problems)} of {len(records)} records fail {schema_name}: " + str(
        list(problems.items())[:3]
    )


def check_ids_unique(records):
    counts = collections.Counter(
        identifier for record in records for identifier in entry_ids(record)
    )
    shared = {identifier: count for identifier, count in counts.items() if count > 1}
    assert not shared, f"ids shared between entries: {list(shared.items())[:5]}"


@pytest.mark.parametrize("viewer", ["anonymous", "member", "token"])
def test_every_organization_is_valid(viewers, viewer):
    client = viewers[viewer]
    organizations = all_pages(client, f"{API}/organizations", full="true")
    assert len(organizations) == Institution.objects.count() >= 100
    check("organization", organizations)
    check("organization_strict", organizations)
    check_ids_unique(organizations)
    removed = profile_removed("organization")
    for organization in organizations:
        assert not removed & organization.keys()
        for location in organization.get("locations", []):
            assert location["organization_id"] == organization["id"]
            for address in location.get("addresses", []):
                assert address["location_id"] == location["id"]
                assert not profile_removed("address") & address.keys()
    check("organization_list", all_pages(client, f"{API}/organizations"))


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
def test_every_organization_and_service_record_is_valid(viewers, viewer):
    client = viewers[viewer]
    summaries = all_pages(client, f"{API}/organizations")
    details = [client.get(f"{API}/organizations/{record['id']}").json() for record in summaries]
    check("organization_strict", details)

    services = all_pages(client, f"{API}/services")
    assert len(services) > len(summaries)
    check("service_list", services)
    service_details = [client.get(f"{API}/services/{record['id']}").json() for record in services]
    check("service_with_definitions", service_details)
    check_ids_unique(service_details)
    # Strict by the profile: only HSDS service fields, none the profile removes.
    allowed = set(schema("service_with_definitions")["properties"]) - profile_removed("service")
    for record in services + service_details:
        assert record.keys() <= allowed, record.keys() - allowed
    # Each organization lists exactly the services /services returns for it.
    by_organization = collections.defaultdict(set)
    for record in services:
        by_organization[record["organization_id"]].add(record["id"])
    for detail in details:
        assert {s["id"] for s in detail.get("services", [])} == by_organization[detail["id"]]


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
def test_the_old_export_address_leads_to_valid_records(viewers, viewer):
    response = viewers[viewer].get("/directory/hsds.json", follow=True)
    assert response.redirect_chain[0] == (f"{API}/organizations?full=true", 301)
    contents = response.json()["contents"]
    assert contents
    check("organization_strict", contents)


def test_members_see_more_than_anonymous_visitors(viewers):
    anonymous = all_pages(viewers["anonymous"], f"{API}/organizations", full="true")
    member = all_pages(viewers["member"], f"{API}/organizations", full="true")
    token = all_pages(viewers["token"], f"{API}/organizations", full="true")
    assert member == token

    def contacts(records):
        return sum(len(record.get("contacts", [])) for record in records)

    assert contacts(member) > contacts(anonymous)
    # Real addresses with postcodes and region names, not slugs.
    addresses = [
        address
        for record in member
        for location in record.get("locations", [])
        for address in location.get("addresses", [])
    ]
    assert len(addresses) >= 100
    assert any(address["state_province"] == "śląskie" for address in addresses)
    sip = next(
        record for record in member if record["name"] == "Association for Legal Intervention"
    )
    (address,) = sip["locations"][0]["addresses"]
    assert (address["address_1"], address["postal_code"], address["city"]) == (
        "al. 3 Maja 12 lok. 510",
        "00-391",
        "Warszawa",
    )
