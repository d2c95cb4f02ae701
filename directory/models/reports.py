from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutdatedReportQuerySet(models.QuerySet):
    def unresolved(self):
        return self.filter(resolved=False)


class OutdatedReport(models.Model):
    """A member's note that an institution's entry is out of date, for moderators."""

    institution = models.ForeignKey(
        "directory.Institution",
        on_delete=models.CASCADE,
        related_name="outdated_reports",
        verbose_name=_("institution"),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    message = models.TextField(_("what is out of date"), max_length=2000)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved = models.BooleanField(_("resolved"), default=False)

    objects = OutdatedReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("outdated information report")
        verbose_name_plural = _("outdated information reports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.institution} ({self.created_at:%Y-%m-%d})"
