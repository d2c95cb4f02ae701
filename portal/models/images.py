import contextlib
import contextvars

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image, ImageQuerySet

# {id: image or None (no such image)} read beforehand by `preloaded_images`.
_preloaded = contextvars.ContextVar("portal_preloaded_images", default=None)


@contextlib.contextmanager
def preloaded_images(images_by_id):
    """Inside, `CustomImage.objects.in_bulk(ids)` answers from `images_by_id`
    when it holds every id asked for: StreamField image blocks read their
    images that way, one query per block type, which a caller that has read
    them all at once (with their renditions) spares."""
    token = _preloaded.set(images_by_id)
    try:
        yield
    finally:
        _preloaded.reset(token)


class PreloadableImageQuerySet(ImageQuerySet):
    def in_bulk(self, id_list=None, *, field_name="pk"):
        preloaded = _preloaded.get()
        if preloaded is not None and id_list is not None and field_name == "pk":
            ids = list(id_list)
            if not self.query.where and all(pk in preloaded for pk in ids):
                return {pk: preloaded[pk] for pk in ids if preloaded[pk] is not None}
            id_list = ids
        return super().in_bulk(id_list, field_name=field_name)


class CustomImage(AbstractImage):
    """Images carry their own alt text and credit so every use can be accessible."""

    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )
    credit = models.CharField(_("credit"), max_length=255, blank=True)

    objects = PreloadableImageQuerySet.as_manager()

    admin_form_fields = Image.admin_form_fields + ("alt_text", "credit")

    @property
    def default_alt_text(self):
        return self.alt_text or super().default_alt_text


class Rendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
