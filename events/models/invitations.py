import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

# No 0/O or 1/I/L: codes are read aloud and typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_invitation_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


class InvitationCode(models.Model):
    """Lets its holder register for an invitation-only event, once or up to a limit."""

    event = models.ForeignKey(
        "events.EventPage",
        on_delete=models.CASCADE,
        related_name="invitation_codes",
        verbose_name=_("event"),
    )
    code = models.CharField(_("code"), max_length=32, unique=True, default=new_invitation_code)
    max_uses = models.PositiveIntegerField(_("use limit"), default=1)
    uses = models.PositiveIntegerField(_("times used"), default=0)
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("e.g. who it is for")
    )
    # Whom the code was given to, when the organiser says: invitees who have
    # not registered are reminded (events.reminders).
    email = models.EmailField(_("invitee's email"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="pl")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation code")
        verbose_name_plural = _("invitation codes")
        ordering = ["-created_at"]

    def __str__(self):
        return self.code

    @property
    def is_used_up(self):
        return self.uses >= self.max_uses

    @staticmethod
    def normalise(code):
        return (code or "").strip().upper().replace(" ", "").replace("-", "")
