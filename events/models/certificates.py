"""Certificates of attendance and their public verification codes."""

import secrets

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Read from paper and typed: no 0/O, 1/I/L. 16 characters of 31 are about
# 79 bits, far beyond guessing through a rate-limited page.
CERTIFICATE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CERTIFICATE_CODE_LENGTH = 16


def new_certificate_code():
    return "".join(secrets.choice(CERTIFICATE_ALPHABET) for _ in range(CERTIFICATE_CODE_LENGTH))


def normalise_code(code):
    """What a person types (lower case, spaces, dashes) made into a code."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())[:64]


def format_code(code):
    """Grouped by four for reading aloud: ABCD-EFGH-JKMN-PQRS."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


class Certificate(models.Model):
    """Issued once per registration when its holder qualifies; the PDF is drawn
    afresh from the registration and the event each time it is downloaded."""

    registration = models.OneToOneField(
        "events.Registration",
        on_delete=models.CASCADE,
        related_name="certificate",
        verbose_name=_("registration"),
    )
    code = models.CharField(
        _("verification code"), max_length=32, unique=True, default=new_certificate_code
    )
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate of attendance")
        verbose_name_plural = _("certificates of attendance")
        ordering = ["-issued_at"]

    def __str__(self):
        return self.display_code

    def get_absolute_url(self):
        return reverse("events:certificates:detail", kwargs={"code": self.code})

    @property
    def display_code(self):
        return format_code(self.code)
