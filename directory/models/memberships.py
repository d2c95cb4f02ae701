from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.choices import MembershipStatus


class MembershipQuerySet(models.QuerySet):
    def requested(self):
        """Requests waiting for a moderator's decision."""
        return self.filter(status=MembershipStatus.REQUESTED)


class Membership(models.Model):
    """A user's membership of an institution: requested, then approved
    (automatically by email domain, or by a moderator) or rejected."""

    class Method(models.TextChoices):
        DOMAIN = "domain", _("Email domain")
        MODERATOR = "moderator", _("Moderator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    institution = models.ForeignKey(
        "directory.Institution",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("institution"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.REQUESTED,
    )
    method = models.CharField(_("approved by"), max_length=10, choices=Method.choices, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    message = models.TextField(_("message to moderators"), blank=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "institution"], name="unique_membership_per_institution"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.institution} ({self.get_status_display()})"

    @property
    def is_requested(self):
        return self.status == MembershipStatus.REQUESTED

    @property
    def is_approved(self):
        return self.status == MembershipStatus.APPROVED

    @property
    def is_rejected(self):
        return self.status == MembershipStatus.REJECTED
