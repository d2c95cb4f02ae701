"""Institutions as Open Referral HSDS 3.0 records: organizations with their
phones, contacts and location, and the services they offer (each competence,
and the 24/7 hotline).

Visibility is applied by the same helpers as every other door: the caller
passes `viewer_is_member`, and members-only values are simply not written.
Empty values are left out (HSDS validators reject '' for emails, URIs and
UUIDs, and null for numbers), and every entry has its own stable UUID."""

import uuid

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

NAMESPACE = uuid.UUID("6f1c2c3e-3f0b-4a53-9d8e-2b8f0f5a1d10")
# The portal's topics, published as one HSDS taxonomy.
TAXONOMY_ID = str(uuid.uuid5(NAMESPACE, "taxonomy:portal-topics"))
HOTLINE = "hotline"


def hsds_id(kind, pk, suffix=""):
    """Stable UUIDs (HSDS 3.0 identifiers) derived from our primary keys; the
    organizations' ids are the ones the export has always used."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{pk}{suffix}"))


def organization_id(institution_pk):
    return hsds_id("institution", institution_pk)


def service_id(institution_pk, topic_key):
    """A competence's service (topic_key: the topic's translation key, the
    same in every language) or the hotline's (topic_key: HOTLINE)."""
    return hsds_id("service", institution_pk, f":{topic_key}")


def compact(record):
    """The record without empty values: no '', None or [] anywhere."""
    if isinstance(record, dict):
        cleaned = {}
        for key, value in record.items():
            value = compact(value)
            if value in ("", None, [], {}):
                continue
            cleaned[key] = value
        return cleaned
    if isinstance(record, list):
        return [compact(item) for item in record if compact(item) not in ("", None, [], {})]
    return record


def _languages(languages, owner, owner_pk, link):
    """Language entries of one record: ids are per entry, never shared, and
    `link` ({"phone_id": …}) ties each to its owner."""
    return [
        {
            "id": hsds_id("language", f"{owner}:{owner_pk}:{language.code}"),
            **link,
            "name": str(language.name),
            "code": language.code,
        }
        for language in languages
    ]


def _phone(number, kind, owner_pk, link, phone_type="voice", description="", languages=()):
    phone_id = hsds_id(f"phone-{kind}", owner_pk)
    return {
        "id": phone_id,
        **link,
        "number": number,
        "type": phone_type,
        "description": description,
        "languages": _languages(languages, f"phone-{kind}", owner_pk, {"phone_id": phone_id}),
    }


def _number(value):
    return float(value) if value is not None else None


def location(institution, viewer_is_member):
    """The institution's office: name, coordinates and the postal address,
    which HSDS wants complete (street, city, region, postcode, country)."""
    address = institution.address(viewer_is_member)
    channels = institution.public_channels(viewer_is_member)
    if not (institution.city or address["street"]):
        return None
    location_id = hsds_id("location", institution.pk)
    addresses = []
    parts = ("street", "city", "region", "postal_code", "country")
    if all(address[part] for part in parts):
        addresses.append(
            {
                "id": hsds_id("address", institution.pk),
                "location_id": location_id,
                "address_1": address["street"],
                "city": address["city"],
                "state_province": address["region"],
                "postal_code": address["postal_code"],
                "country": address["country"],
                "address_type": "physical",
            }
        )
    return {
        "id": location_id,
        "location_type": "physical",
        "organization_id": organization_id(institution.pk),
        "name": institution.localized_name,
        "latitude": _number(channels["latitude"]),
        "longitude": _number(channels["longitude"]),
        "languages": _languages(
            institution.languages.all(), "location", institution.pk, {"location_id": location_id}
        ),
        "addresses": addresses,
    }


def _contacts(institution, org_id):
    contacts = []
    for person in institution.visible_people:
        contact_id = hsds_id("contact", person.pk)
        phones = []
        if person.phone:
            phones.append(_phone(person.phone, "contact", person.pk, {"contact_id": contact_id}))
        if person.mobile:
            phones.append(
                _phone(
                    person.mobile, "contact-mobile", person.pk, {"contact_id": contact_id}, "cell"
                )
            )
        contacts.append(
            {
                "id": contact_id,
                "organization_id": org_id,
                "name": person.name,
                "title": person.position,
                "email": person.email,
                "phones": phones,
            }
        )
    return contacts


def organization_summary(institution, viewer_is_member, absolute_url):
    """The one-to-one fields (the /organizations list without `full`)."""
    channels = institution.public_channels(viewer_is_member)
    return compact(
        {
            "id": organization_id(institution.pk),
            "name": institution.name,
            "alternate_name": institution.short_name or institution.name_pl,
            "description": institution.description or institution.name,
            "email": channels["email"],
            "website": channels["website"],
            "uri": absolute_url(institution.get_absolute_url()),
            "parent_organization_id": organization_id(institution.parent_id)
            if institution.parent_id
            else None,
        }
    )


def organization(institution, viewer_is_member, absolute_url, topic_names):
    """The fully nested organization, with its services' summaries. Needs
    `visible_people` (the viewer's people) prefetched on the institution."""
    org_id = organization_id(institution.pk)
    channels = institution.public_channels(viewer_is_member)
    phones = []
    link = {"organization_id": org_id}
    if channels["phone"]:
        phones.append(_phone(channels["phone"], "institution", institution.pk, link))
    if channels["hotline"]:
        phones.append(
            _phone(
                channels["hotline"],
                "institution-hotline",
                institution.pk,
                link,
                description=_("24/7 hotline"),
                languages=institution.languages.all(),
            )
        )
    office = location(institution, viewer_is_member)
    record = organization_summary(institution, viewer_is_member, absolute_url)
    record.update(
        compact(
            {
                "phones": phones,
                "contacts": _contacts(institution, org_id),
                "locations": [office] if office else [],
                "services": [
                    service_summary(institution, topic, viewer_is_member, absolute_url, topic_names)
                    for topic in services_of(institution, viewer_is_member)
                ],
            }
        )
    )
    return record


def services_of(institution, viewer_is_member):
    """The services an institution offers this viewer: its hotline (when the
    viewer may see it) and one per competence, as topics (None: hotline)."""
    services = [None] if institution.public_channels(viewer_is_member)["hotline"] else []
    return services + list(institution.competences.all())


def hotline_name():
    return pgettext("HSDS service name", "24/7 hotline")


def taxonomy_term(topic, topic_names):
    name = topic_names.get(topic.slug, topic.name)
    return {
        "id": str(topic.translation_key),
        "code": topic.slug,
        "name": name,
        "description": topic.description or name,
        "taxonomy": "Cooperation Portal topics",
        "taxonomy_id": TAXONOMY_ID,
    }


def service_summary(institution, topic, viewer_is_member, absolute_url, topic_names):
    """A service's one-to-one fields (the /services list): `topic` is the
    competence, or None for the hotline."""
    key = HOTLINE if topic is None else topic.translation_key
    if topic is None:
        name = hotline_name()
        description = _("Round-the-clock telephone line of %(institution)s.") % {
            "institution": institution.localized_name
        }
    else:
        name = topic_names.get(topic.slug, topic.name)
        description = _("%(topic)s: a competence of %(institution)s.") % {
            "topic": name,
            "institution": institution.localized_name,
        }
    return compact(
        {
            "id": service_id(institution.pk, key),
            "organization_id": organization_id(institution.pk),
            "name": name,
            "description": description,
            "url": absolute_url(institution.get_absolute_url()),
            "email": institution.public_channels(viewer_is_member)["email"],
            "status": "active",
            "assured_date": institution.last_verified_at.isoformat()
            if institution.last_verified_at
            else None,
            "last_modified": institution.updated_at.isoformat(),
        }
    )


def service(institution, topic, viewer_is_member, absolute_url, topic_names):
    """The fully nested service: its phone (the hotline's), languages, the
    topic as a taxonomy attribute and the organization's summary."""
    record = service_summary(institution, topic, viewer_is_member, absolute_url, topic_names)
    record_id = record["id"]
    channels = institution.public_channels(viewer_is_member)
    extra = {
        "organization": organization_summary(institution, viewer_is_member, absolute_url),
        "languages": _languages(
            institution.languages.all(), f"service:{record_id}", "", {"service_id": record_id}
        ),
    }
    if topic is None:
        extra["phones"] = [
            _phone(channels["hotline"], f"service:{record_id}", "", {"service_id": record_id})
        ]
    else:
        term = taxonomy_term(topic, topic_names)
        extra["attributes"] = [
            {
                "id": hsds_id("attribute", record_id),
                "link_id": record_id,
                "link_type": "competence",
                "link_entity": "service",
                "taxonomy_term_id": term["id"],
                "taxonomy_term": term,
            }
        ]
    record.update(compact(extra))
    return record
