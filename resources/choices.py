from django.db import models
from django.utils.translation import gettext_lazy as _


class MaterialType(models.TextChoices):
    GUIDELINE = "guideline", _("Guideline")
    TRAINING = "training", _("Training material")
    REPORT = "report", _("Report")
    SURVEY = "survey", _("Survey results")
    LEGISLATION = "legislation", _("Legislation")
    LEAFLET = "leaflet", _("Leaflet")
    PRESENTATION = "presentation", _("Presentation")
    VIDEO = "video", _("Video")
    INTERACTIVE = "interactive", _("Interactive training")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    FRONTLINE = "frontline", _("Frontline officers")
    TRAINERS = "trainers", _("Trainers")
    MANAGERS = "managers", _("Managers and coordinators")
    LEGAL = "legal", _("Prosecutors, judges and lawyers")
    SUPPORT = "support", _("Victim support staff")
    PUBLIC = "public", _("General public and migrants")


class MaterialSort(models.TextChoices):
    NEWEST = "newest", _("Newest first")
    OLDEST = "oldest", _("Oldest first")
    TITLE = "title", _("Title A–Z")
    DOWNLOADS = "downloads", _("Most downloaded")


# Host countries of study visits: the EU and the countries Polish
# institutions work with most. Stored as ISO 3166 codes like Institution.country.
COUNTRIES = [
    ("AT", _("Austria")),
    ("BE", _("Belgium")),
    ("BG", _("Bulgaria")),
    ("BY", _("Belarus")),
    ("CZ", _("Czechia")),
    ("DE", _("Germany")),
    ("DK", _("Denmark")),
    ("EE", _("Estonia")),
    ("ES", _("Spain")),
    ("FI", _("Finland")),
    ("FR", _("France")),
    ("GB", _("United Kingdom")),
    ("GE", _("Georgia")),
    ("GR", _("Greece")),
    ("HR", _("Croatia")),
    ("HU", _("Hungary")),
    ("IE", _("Ireland")),
    ("IT", _("Italy")),
    ("LT", _("Lithuania")),
    ("LV", _("Latvia")),
    ("MD", _("Moldova")),
    ("NL", _("Netherlands")),
    ("NO", _("Norway")),
    ("PL", _("Poland")),
    ("PT", _("Portugal")),
    ("RO", _("Romania")),
    ("SE", _("Sweden")),
    ("SI", _("Slovenia")),
    ("SK", _("Slovakia")),
    ("UA", _("Ukraine")),
]
COUNTRY_NAMES = dict(COUNTRIES)


def country_name(code):
    return COUNTRY_NAMES.get(code, code)
