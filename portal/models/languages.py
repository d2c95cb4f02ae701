from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.languages import LANGUAGE_NAMES


class Language(models.Model):
    """A working language (ISO 639-1 code) of an institution, person, event or material."""

    code = models.CharField(_("code"), max_length=8, primary_key=True)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["code"]

    def __str__(self):
        return str(self.name)

    @property
    def name(self):
        return LANGUAGE_NAMES.get(self.code, self.code)
