"""A training series: events run as one programme for one funder, e.g. the
seed project's 22 trainings for Border Guard field offices, reported together."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.language_variants import in_language


class EventSeries(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    name_pl = models.CharField(_("name in Polish"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    funder = models.CharField(
        _("funder"),
        max_length=200,
        blank=True,
        help_text=_("Who the series reports to, e.g. the programme that pays for it."),
    )
    starts_on = models.DateField(_("first day"), null=True, blank=True)
    ends_on = models.DateField(_("last day"), null=True, blank=True)

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = ["-starts_on", "name"]

    def __str__(self):
        return self.localized_name

    @property
    def localized_name(self):
        return in_language(self, "name")
