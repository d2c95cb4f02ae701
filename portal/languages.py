"""Languages people and institutions work in (ISO 639-1), with translated names."""

from django.utils.translation import gettext_lazy as _

WORKING_LANGUAGES = [
    ("pl", _("Polish")),
    ("en", _("English")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("be", _("Belarusian")),
    ("bg", _("Bulgarian")),
    ("ro", _("Romanian")),
    ("de", _("German")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("vi", _("Vietnamese")),
    ("ka", _("Georgian")),
    ("hi", _("Hindi")),
    ("ne", _("Nepali")),
]
LANGUAGE_NAMES = dict(WORKING_LANGUAGES)
