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
