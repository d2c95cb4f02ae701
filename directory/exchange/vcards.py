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


def _address(card, institution, viewer_is_member):
    """ADR with each part in its own field (RFC 6350 §6.3.1): street, city,
    region (its name, "śląskie"), postcode and country."""
    address = institution.address(viewer_is_member)
    if not (address["street"] or address["postal_code"] or address["city"]):
        return
    item = card.add("adr")
    item.value = vobject.vcard.Address(
        street=address["street"],
        city=address["city"],
        region=address["region"],
        code=address["postal_code"],
        country=address["country_name"],
    )
    item.type_param = "WORK"


def fold(text, limit=75):
    """Fold content lines at `limit` octets (RFC 6350 §3.2), never inside a
    UTF-8 sequence. vobject folds only lines longer than 75 *characters*,
    so a shorter line of Polish letters could run to 140 octets."""
    logical = []
    for line in text.split("\r\n"):
        if line[:1] in (" ", "\t") and logical:
            logical[-1] += line[1:]
        elif line:
            logical.append(line)
    folded = []
    for line in logical:
        current, size = "", 0
        for character in line:
            width = len(character.encode("utf-8"))
            if size + width > limit:
                folded.append(current)
                # The continuation's leading space counts towards its octets.
                current, size = " ", 1
            current += character
            size += width
        folded.append(current)
    return "\r\n".join(folded) + "\r\n"


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
    _address(card, institution, viewer_is_member)
    _add(card, "url", channels["website"] or url)
    _add(card, "note", institution.localized_description)
    return fold(card.serialize())


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
    return fold(card.serialize())
