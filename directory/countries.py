"""Names of the countries the directory's partners are in (ISO 3166-1 alpha-2).

Institutions elsewhere still work: their code is shown as it is."""

from django.utils.translation import gettext_lazy as _

COUNTRY_NAMES = {
    "PL": _("Poland"),
    "BG": _("Bulgaria"),
    "UA": _("Ukraine"),
    "BY": _("Belarus"),
    "CZ": _("Czechia"),
    "DE": _("Germany"),
    "LT": _("Lithuania"),
    "MD": _("Moldova"),
    "RO": _("Romania"),
    "SK": _("Slovakia"),
    "GB": _("United Kingdom"),
    "NL": _("Netherlands"),
    "SE": _("Sweden"),
    "AT": _("Austria"),
    "BE": _("Belgium"),
    "FR": _("France"),
    "IT": _("Italy"),
    "ES": _("Spain"),
    "GE": _("Georgia"),
    "VN": _("Vietnam"),
}


def country_name(code):
    return COUNTRY_NAMES.get((code or "").upper(), code)


def region_name(region):
    from directory.choices import Voivodship

    try:
        return Voivodship(region).label
    except ValueError:
        return region
