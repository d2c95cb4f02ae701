from django.db import models
from django.utils.translation import gettext_lazy as _


class InstitutionKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    CENTRAL_OFFICE = "central_office", _("Central office")
    BORDER_GUARD = "border_guard", _("Border Guard unit")
    POLICE = "police", _("Police unit")
    PROSECUTOR = "prosecutor", _("Prosecutor's office")
    LABOUR_INSPECTORATE = "labour_inspectorate", _("Labour inspectorate")
    OFFICE_FOR_FOREIGNERS = "office_for_foreigners", _("Office for foreigners")
    VOIVODSHIP_OFFICE = "voivodship_office", _("Voivodship office")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    NGO = "ngo", _("Non-governmental organisation")
    INTERNATIONAL = "international", _("International organisation")
    EMBASSY = "embassy", _("Embassy or consulate")
    FOREIGN_COUNTERPART = "foreign_counterpart", _("Foreign counterpart")
    OTHER = "other", _("Other")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")


class Voivodship(models.TextChoices):
    DOLNOSLASKIE = "dolnoslaskie", "dolnośląskie"
    KUJAWSKO_POMORSKIE = "kujawsko-pomorskie", "kujawsko-pomorskie"
    LUBELSKIE = "lubelskie", "lubelskie"
    LUBUSKIE = "lubuskie", "lubuskie"
    LODZKIE = "lodzkie", "łódzkie"
    MALOPOLSKIE = "malopolskie", "małopolskie"
    MAZOWIECKIE = "mazowieckie", "mazowieckie"
    OPOLSKIE = "opolskie", "opolskie"
    PODKARPACKIE = "podkarpackie", "podkarpackie"
    PODLASKIE = "podlaskie", "podlaskie"
    POMORSKIE = "pomorskie", "pomorskie"
    SLASKIE = "slaskie", "śląskie"
    SWIETOKRZYSKIE = "swietokrzyskie", "świętokrzyskie"
    WARMINSKO_MAZURSKIE = "warminsko-mazurskie", "warmińsko-mazurskie"
    WIELKOPOLSKIE = "wielkopolskie", "wielkopolskie"
    ZACHODNIOPOMORSKIE = "zachodniopomorskie", "zachodniopomorskie"


class HelpDays(models.TextChoices):
    """When a help desk answers the public (a hotline is 24/7 by definition)."""

    WEEKDAYS = "weekdays", _("Monday to Friday")
    MON_SAT = "mon_sat", _("Monday to Saturday")
    DAILY = "daily", _("Every day")


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


def region_name(region):
    try:
        return Voivodship(region).label
    except ValueError:
        return region


def region_key(value):
    """What the region field stores for a region as written: the voivodship's
    slug for its name ("śląskie" or "slaskie" → "slaskie"), text abroad as is."""
    for voivodship in Voivodship:
        if value.casefold() in (voivodship.value, voivodship.label.casefold()):
            return voivodship.value
    return value
