"""Messages scheduled relative to an event (reminders before it, a follow-up
after it) and the log that keeps any of them from reaching anyone twice."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from events.choices import MailStatus, ScheduledPurpose

# (purpose, days): 7 days and 1 day before the start, 1 day after the end.
DEFAULT_SCHEDULE = (
    (ScheduledPurpose.REMINDER, 7),
    (ScheduledPurpose.REMINDER, 1),
    (ScheduledPurpose.FOLLOW_UP, 1),
)
# Invitation-only events also remind invitees who have not registered.
INVITEE_DEFAULT = (ScheduledPurpose.INVITEE_REMINDER, 7)


class ScheduledMessage(models.Model):
    event = models.ForeignKey(
        "events.EventPage",
        on_delete=models.CASCADE,
        related_name="scheduled_messages",
        verbose_name=_("event"),
    )
    purpose = models.CharField(_("message"), max_length=20, choices=ScheduledPurpose.choices)
    days = models.PositiveSmallIntegerField(
        _("days"),
        help_text=_("Reminders: days before the start. Follow-up: days after the end."),
    )
    note = models.TextField(
        _("note from the organisers"),
        blank=True,
        help_text=_("Optional text added to the message."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # When the scheduler queued it for everyone; later registrants still get
    # a reminder that is due (the delivery log says who already has one).
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # A reminder whose time passed while a later one was already due (the
    # scheduler was not running) is skipped rather than sent late, in a row.
    skipped_at = models.DateTimeField(_("skipped"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled message")
        verbose_name_plural = _("scheduled messages")
        ordering = ["event", "purpose", "-days"]

    def __str__(self):
        return f"{self.get_purpose_display()} ({self.days}) – {self.event}"

    @property
    def is_reminder(self):
        return self.purpose == ScheduledPurpose.REMINDER

    @property
    def is_for_invitees(self):
        return self.purpose == ScheduledPurpose.INVITEE_REMINDER

    def due_at(self, event=None):
        event = event or self.event
        delta = datetime.timedelta(days=self.days)
        if self.purpose == ScheduledPurpose.FOLLOW_UP:
            return event.end + delta
        return event.start - delta


class ScheduledMessageDelivery(models.Model):
    """The sent-log: one row per message and registration, written in the same
    transaction as the queued mail; the unique constraint is the guarantee."""

    message = models.ForeignKey(
        ScheduledMessage,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("scheduled message"),
    )
    registration = models.ForeignKey(
        "events.Registration",
        on_delete=models.CASCADE,
        related_name="scheduled_deliveries",
        verbose_name=_("registration"),
    )
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)

    class Meta:
        verbose_name = _("scheduled message delivery")
        verbose_name_plural = _("scheduled message deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["message", "registration"], name="events_scheduled_message_once"
            )
        ]

    def __str__(self):
        return f"{self.message} → {self.registration_id}"


class InvitationReminder(models.Model):
    """A reminder to one invitee who holds a code but has not registered: the
    sent-log (unique per message and code) and the mail queue's row in one,
    since there is no registration to hang a RegistrationMail on."""

    message = models.ForeignKey(
        ScheduledMessage,
        on_delete=models.CASCADE,
        related_name="invitation_reminders",
        verbose_name=_("scheduled message"),
    )
    invitation = models.ForeignKey(
        "events.InvitationCode",
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("invitation code"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder to an invitee")
        verbose_name_plural = _("reminders to invitees")
        constraints = [
            models.UniqueConstraint(
                fields=["message", "invitation"], name="events_invitation_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.message} → {self.invitation}"
