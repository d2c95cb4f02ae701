from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentDownload(models.Model):
    """How often a document was served.

    Kept beside the document rather than on the material's file rows: those
    rows live in page revisions, and publishing an older revision would write
    an old count back.
    """

    document = models.OneToOneField(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="download_stats",
    )
    count = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("document downloads")
        verbose_name_plural = _("document downloads")

    def __str__(self):
        return f"{self.document} ({self.count})"
