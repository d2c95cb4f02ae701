"""Stored xAPI statements and the opaque identities of their actors.

Every statement is written here first, complete (its `id`, `timestamp` and
actor are fixed when the player acts), and only then delivered to the
learning record store by `resources.scenarios.lrs`. So an LRS outage loses
nothing, a portal without an LRS still has every statement (exported as JSON
lines), and sending one again is harmless: the LRS recognises its `id`.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StatementStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Delivered")
    FAILED = "failed", _("Failed, will be retried")
    # Never sent: the demo's synthetic plays must not reach a real LRS.
    KEPT = "kept", _("Kept in the portal only")


class LearnerAccount(models.Model):
    """A member's name towards learning record stores: a random id, never the
    email address or the database key. Deleting the account deletes this row,
    so statements already sent can no longer be tied to the person."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner_account"
    )
    name = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("learner account")
        verbose_name_plural = _("learner accounts")

    def __str__(self):
        return str(self.name)


class ScenarioStatement(models.Model):
    # The statement's own `id`, so that a repeated delivery is recognised.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    attempt = models.ForeignKey(
        "resources.ScenarioAttempt",
        verbose_name=_("attempt"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="statements",
    )
    # What in the attempt the statement records ("launched", "answered:<event>",
    # "experienced:<event>", "completed"): one statement per moment, however
    # often the player reloads a page.
    moment = models.CharField(max_length=80)
    verb = models.CharField(_("verb"), max_length=20)
    scenario_key = models.UUIDField(_("scenario"), db_index=True)
    statement = models.JSONField(_("statement"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StatementStatus.choices,
        default=StatementStatus.PENDING,
    )
    tries = models.PositiveIntegerField(_("delivery attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("xAPI statement")
        verbose_name_plural = _("xAPI statements")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "moment"], name="scenario_statement_once_per_moment"
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.verb} {self.pk}"
