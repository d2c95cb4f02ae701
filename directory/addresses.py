"""Postal addresses written as one line of text, split into their fields.

Used once by the migration that moved the directory from a free-text address
to street, postcode and city, and by the CSV import for files that still
carry the old one-column address."""

import re
from dataclasses import dataclass

# "00-391 Warszawa", "00-956 Warszawa 10"; abroad "1055 Sofia", "03113 Kyiv".
POLISH_POSTCODE = re.compile(r"^(?P<code>\d{2}-\d{3})\s+(?P<city>\S.*)$")
OTHER_POSTCODE = re.compile(r"^(?P<code>\d{4,6})\s+(?P<city>\D.*)$")
POLISH_POSTCODE_ONLY = re.compile(r"^\d{2}-\d{3}$")


@dataclass
class ParsedAddress:
    street: str = ""
    postal_code: str = ""
    city: str = ""


def parse_address(text, known_city=""):
    """Split "al. 3 Maja 12 lok. 510, 00-391 Warszawa" (or the same on two
    lines) into street, postcode and city. The postcode and city are what
    follows the last comma or line break; a last part that is just the city
    (as `known_city` says) is dropped from the street too."""
    parts = [part.strip() for part in re.split(r"[\r\n,]+", text or "") if part.strip()]
    if not parts:
        return ParsedAddress()
    last = parts[-1]
    for pattern in (POLISH_POSTCODE, OTHER_POSTCODE):
        match = pattern.match(last)
        if match and len(parts) > 1:
            return ParsedAddress(
                street=", ".join(parts[:-1]),
                postal_code=match["code"],
                city=match["city"].strip(),
            )
    if len(parts) > 1 and known_city and last.casefold() == known_city.casefold():
        return ParsedAddress(street=", ".join(parts[:-1]), city=last)
    return ParsedAddress(street=", ".join(parts))


def is_polish_postcode(value):
    return bool(POLISH_POSTCODE_ONLY.match(value))
