from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    TRAINING = "training", _("Training")
    WORKSHOP = "workshop", _("Workshop")
    WEBINAR = "webinar", _("Webinar")
    STUDY_VISIT = "study_visit", _("Study visit")
    MEETING = "meeting", _("Meeting")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")
    INVITATION = "invitation", _("Invitation only")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("Waiting list")
    # Not the event's "Cancelled": Polish cancels a registration and an event
    # with different words.
    CANCELLED = "cancelled", pgettext_lazy("registration", "Cancelled")


class RegistrationState(models.TextChoices):
    """What a visitor can do on the event page right now (computed, not stored)."""

    NOT_OPEN = "not_open", _("Registration not open yet")
    OPEN = "open", _("Registration open")
    WAITING_LIST = "waiting_list", _("Waiting list open")
    CLOSED = "closed", _("Registration closed")
    FULL = "full", _("Full")

    @property
    def is_open(self):
        return self == RegistrationState.OPEN

    @property
    def is_waiting_list(self):
        return self == RegistrationState.WAITING_LIST

    @property
    def is_not_open(self):
        return self == RegistrationState.NOT_OPEN

    @property
    def takes_registrations(self):
        """Someone may register now, for a seat or a place on the waiting list."""
        return self in (RegistrationState.OPEN, RegistrationState.WAITING_LIST)


class QuestionType(models.TextChoices):
    TEXT = "text", _("Text")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    YES_NO = "yes_no", _("Yes / no")


class MailKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Registration confirmation")
    REMINDER_LINK = "link", _("Personal link sent again")
    PROMOTED = "promoted", _("Seat offered from the waiting list")
    CANCELLED = "cancelled", _("Cancellation confirmed")
    EVENT_UPDATED = "event_updated", _("Event changed")
    EVENT_CANCELLED = "event_cancelled", _("Event cancelled")
    MESSAGE = "message", _("Message from the organisers")
    REMINDER = "reminder", _("Reminder before the event")
    FOLLOW_UP = "follow_up", _("Follow-up after the event")


class MailStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will be retried")


TIME_ZONES = [
    ("Europe/Warsaw", "Europe/Warsaw"),
    ("Europe/Sofia", "Europe/Sofia"),
    ("Europe/Kyiv", "Europe/Kyiv"),
    ("Europe/Vilnius", "Europe/Vilnius"),
    ("Europe/Berlin", "Europe/Berlin"),
    ("Europe/Brussels", "Europe/Brussels"),
    ("UTC", "UTC"),
]


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


class ScheduledPurpose(models.TextChoices):
    """What a scheduled message is for; it also says when it goes: reminders
    count back from the start, the follow-up counts on from the end."""

    REMINDER = "reminder", _("Reminder")
    FOLLOW_UP = "follow_up", _("Follow-up")
    INVITEE_REMINDER = "invitees", _("Reminder to invitees who have not registered")
