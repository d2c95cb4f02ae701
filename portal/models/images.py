from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    """Images carry their own alt text and credit so every use can be accessible."""

    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )
    credit = models.CharField(_("credit"), max_length=255, blank=True)

    admin_form_fields = Image.admin_form_fields + ("alt_text", "credit")

    @property
    def default_alt_text(self):
        return self.alt_text or super().default_alt_text


class Rendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
