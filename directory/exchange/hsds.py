"""Open Referral HSDS 3.0 export: organizations with their locations, phones
and contacts, in the API's paginated shape. Visibility is applied by the
same helpers as every other door."""

import uuid

from django.core.paginator import Paginator
from django.db.models import Prefetch

from directory.models import ContactPerson

NAMESPACE = uuid.UUID("6f1c2c3e-3f0b-4a53-9d8e-2b8f0f5a1d10")
PAGE_SIZE = 100


def hsds_id(kind, pk, suffix=""):
    """Stable UUIDs (HSDS 3.0 identifiers) derived from our primary keys."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{pk}{suffix}"))


def _languages(languages):
    return [
        {
            "id": hsds_id("language", language.code),
            "name": str(language.name),
            "code": language.code,
        }
        for language in languages
    ]


def _phone(number, owner_kind, owner_pk, suffix, phone_type, description="", languages=()):
    return {
        "id": hsds_id(f"phone-{owner_kind}", owner_pk, suffix),
        "number": number,
        "type": phone_type,
        "description": description,
        "languages": _languages(languages),
    }


def organization(institution, viewer_is_member, base_url=""):
    channels = institution.public_channels(viewer_is_member)
    languages = list(institution.languages.all())
    org_id = hsds_id("institution", institution.pk)
    phones = []
    if channels["phone"]:
        phones.append(_phone(channels["phone"], "institution", institution.pk, "", "voice"))
    if channels["hotline"]:
        phones.append(
            _phone(
                channels["hotline"],
                "institution",
                institution.pk,
                "-hotline",
                "voice",
                "24/7 hotline",
                languages,
            )
        )
    locations = []
    if channels["postal_address"] or institution.city:
        location_id = hsds_id("location", institution.pk)
        locations.append(
            {
                "id": location_id,
                "location_type": "physical",
                "name": institution.localized_name,
                "latitude": float(channels["latitude"])
                if channels["latitude"] is not None
                else None,
                "longitude": float(channels["longitude"])
                if channels["longitude"] is not None
                else None,
                "languages": _languages(languages),
                "addresses": [
                    {
                        "id": hsds_id("address", institution.pk),
                        "location_id": location_id,
                        "address_1": channels["postal_address"]
                        .replace("\r", "")
                        .replace("\n", ", "),
                        "city": institution.city,
                        "region": institution.region,
                        "state_province": institution.region,
                        "postal_code": "",
                        "country": institution.country.code,
                        "address_type": "physical",
                    }
                ],
            }
        )
    contacts = []
    for person in institution.visible_people:
        person_phones = []
        if person.phone:
            person_phones.append(_phone(person.phone, "contact", person.pk, "", "voice"))
        if person.mobile:
            person_phones.append(_phone(person.mobile, "contact", person.pk, "-mobile", "cell"))
        contacts.append(
            {
                "id": hsds_id("contact", person.pk),
                "organization_id": org_id,
                "name": person.name,
                "title": person.position,
                "department": "",
                "email": person.email,
                "phones": person_phones,
            }
        )
    return {
        "id": org_id,
        "name": institution.name,
        "alternate_name": institution.short_name or institution.name_pl,
        "description": institution.description or institution.name,
        "email": channels["email"],
        "website": channels["website"],
        "uri": base_url + institution.get_absolute_url(),
        "parent_organization_id": hsds_id("institution", institution.parent_id)
        if institution.parent_id
        else None,
        "legal_status": "",
        "phones": phones,
        "contacts": contacts,
        "locations": locations,
        "attributes": [],
        "metadata": [
            {
                "id": hsds_id("metadata", institution.pk),
                "resource_id": org_id,
                "resource_type": "organization",
                "last_action_date": institution.last_verified_at.isoformat()
                if institution.last_verified_at
                else None,
                "last_action_type": "verified",
                "field_name": "",
                "previous_value": "",
                "replacement_value": "",
                "updated_by": "",
            }
        ],
        "x_country_name": str(institution.country.name),
    }


def export_page(queryset, viewer_is_member, page_number, base_url=""):
    """One page of the export; raises django.core.paginator.InvalidPage."""
    queryset = queryset.prefetch_related(
        "languages",
        Prefetch(
            "contact_people",
            queryset=ContactPerson.objects.visible(viewer_is_member).order_by("name"),
            to_attr="visible_people",
        ),
    )
    paginator = Paginator(queryset, PAGE_SIZE)
    page = paginator.page(page_number)
    return {
        "total_items": paginator.count,
        "total_pages": paginator.num_pages,
        "page_number": page.number,
        "size": len(page.object_list),
        "first_page": page.number == 1,
        "last_page": not page.has_next(),
        "empty": paginator.count == 0,
        "contents": [organization(institution, viewer_is_member, base_url) for institution in page],
    }
