"""vCards (RFC 6350, built with vobject) for institutions and contact people.
They carry only what the viewer may see: callers pass the viewer's rights."""

import vobject


def _add(card, name, value, type_param=None):
    if not value:
        return
    item = card.add(name)
    item.value = value
    if type_param:
        item.type_param = type_param


def _address(card, institution, channels):
    if not (channels["postal_address"] or institution.city):
        return
    item = card.add("adr")
    item.value = vobject.vcard.Address(
        street=channels["postal_address"].replace("\r", "").replace("\n", ", "),
        city=institution.city,
        region=institution.region,
        country=str(institution.country.name),
    )
    item.type_param = "WORK"


def institution_vcard(institution, viewer_is_member, url=""):
    channels = institution.public_channels(viewer_is_member)
    card = vobject.vCard()
    card.add("version").value = "3.0"
    card.add("fn").value = institution.localized_name
    card.add("n").value = vobject.vcard.Name(family=institution.localized_name)
    card.add("org").value = [institution.localized_name]
    _add(card, "tel", channels["phone"], "WORK")
    _add(card, "tel", channels["hotline"], "VOICE")
    _add(card, "email", channels["email"], "WORK")
    _address(card, institution, channels)
    _add(card, "url", channels["website"] or url)
    _add(card, "note", institution.localized_description)
    return card.serialize()


def person_vcard(person, url=""):
    """The caller has already checked that the viewer may see this person."""
    card = vobject.vCard()
    card.add("version").value = "3.0"
    card.add("fn").value = person.name
    parts = person.name.rsplit(" ", 1)
    card.add("n").value = vobject.vcard.Name(
        family=parts[-1], given=parts[0] if len(parts) > 1 else ""
    )
    card.add("org").value = [person.institution.localized_name]
    _add(card, "title", person.localized_position)
    _add(card, "email", person.email, "WORK")
    _add(card, "tel", person.phone, "WORK")
    _add(card, "tel", person.mobile, "CELL")
    _add(card, "url", url)
    return card.serialize()
