"""The attendance register: who was present, absent or excused on each day of
an event, and the few per-event options of attendance, certificates and
follow-up that the page editor does not need to show."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.choices import AttendanceStatus


class EventAttendanceOptions(models.Model):
    """Kept beside the event page rather than on it: organisers change these on
    the register screen, without publishing a new revision of the page."""

    event = models.OneToOneField(
        "events.EventPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="attendance_options",
        verbose_name=_("event"),
    )
    check_in_closes_after_hours = models.PositiveSmallIntegerField(
        _("check-in closes (hours after the end)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(24 * 14)],
        help_text=_("Leave empty for the site's default."),
    )
    certificates_enabled = models.BooleanField(_("certificates of attendance"), default=True)
    certificate_min_share = models.PositiveSmallIntegerField(
        _("share of days present for a certificate (%)"),
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    certificate_hours = models.DecimalField(
        _("hours stated on the certificate"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty to count the hours from the event's start and end."),
    )
    feedback_url = models.URLField(
        _("feedback survey"),
        blank=True,
        help_text=_("A survey page of the portal, linked from the follow-up message."),
    )
    # The default reminders are created once; an organiser who deletes or
    # cancels them is not overruled by the next run of the scheduler.
    reminders_initialised = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("attendance options")
        verbose_name_plural = _("attendance options")

    def __str__(self):
        return str(self.event)


class Attendance(models.Model):
    """One attendee on one day: a check-in writes "present", the organiser may
    change it afterwards on the register screen."""

    registration = models.ForeignKey(
        "events.Registration",
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("registration"),
    )
    day = models.DateField(_("day"))
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_check_in = models.BooleanField(_("by check-in"), default=False)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["registration", "day"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "day"], name="events_one_attendance_per_day"
            )
        ]

    def __str__(self):
        return f"{self.registration} {self.day}: {self.get_status_display()}"
