"""Attendance rules: the days of an event, when check-in is open, the register
(present / absent / excused per attendee and day) and who has earned a
certificate. Views, the check-in service, exports and the certificate PDFs
all ask here."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from events.choices import AttendanceStatus, RegistrationStatus
from events.models import Attendance, Certificate, EventAttendanceOptions, Registration

# A register wider than this is not a register but a mistake in the dates.
MAX_DAYS = 31


def options_for(event):
    """The event's options, or the defaults (unsaved) when it has none yet."""
    event = event.canonical
    try:
        return event.attendance_options
    except EventAttendanceOptions.DoesNotExist:
        return EventAttendanceOptions(event=event)


def event_days(event):
    """Each calendar day of the event, in the event's own time zone."""
    first = event.local_start.date()
    last = max(event.local_end.date(), first)
    count = min((last - first).days + 1, MAX_DAYS)
    return [first + datetime.timedelta(days=n) for n in range(count)]


def check_in_window(event):
    """(opens, closes): from midnight of the day before the start, in the event's
    zone, until the configured number of hours after the end."""
    opens = event.localize(
        datetime.datetime.combine(
            event.local_start.date() - datetime.timedelta(days=1), datetime.time.min
        )
    )
    hours = options_for(event).check_in_closes_after_hours
    if hours is None:
        hours = settings.EVENTS_CHECK_IN_CLOSES_AFTER_HOURS
    return opens, event.end + datetime.timedelta(hours=hours)


def check_in_is_open(event, now=None):
    opens, closes = check_in_window(event)
    return opens <= (now or timezone.now()) <= closes


def check_in_day(event, now=None):
    """The day of the event a check-in now counts for: today, or the first or
    last day when someone checks in the evening before or after."""
    days = event_days(event)
    today = timezone.localtime(now or timezone.now(), event.zone).date()
    return min(max(today, days[0]), days[-1])


def _sync_attended_at(registration, now):
    """`attended_at` (what the reports count) follows the register: set when
    any day is present, cleared when none is."""
    present = registration.attendance.filter(status=AttendanceStatus.PRESENT).exists()
    if present and registration.attended_at is None:
        registration.attended_at = now
    elif not present:
        registration.attended_at = None


def record_check_in(registration, *, undo=False, now=None):
    """Mark today present (or undo today's check-in) for a locked registration."""
    now = now or timezone.now()
    event = registration.event
    day = check_in_day(event, now)
    if undo:
        registration.attendance.filter(day=day).delete()
    else:
        Attendance.objects.update_or_create(
            registration=registration,
            day=day,
            defaults={"status": AttendanceStatus.PRESENT, "by_check_in": True},
        )
    _sync_attended_at(registration, now)
    registration.save(update_fields=["attended_at", "updated_at"])
    return registration


def register_rows(event):
    """The confirmed attendees with their status on each day: [(registration,
    [status or "" per day])], by name."""
    days = event_days(event)
    registrations = list(
        event.registrations_queryset()
        .filter(status=RegistrationStatus.CONFIRMED, purged_at__isnull=True)
        .select_related("institution")
        .order_by("name", "pk")
    )
    marks = {}
    for row in Attendance.objects.filter(registration__in=registrations).values(
        "registration_id", "day", "status"
    ):
        marks[(row["registration_id"], row["day"])] = row["status"]
    return days, [(r, [marks.get((r.pk, day), "") for day in days]) for r in registrations]


def save_register(event, changes, *, user=None, now=None):
    """Apply {(registration_id, day): status or ""} from the register screen.
    Ids and days not of this event are ignored; "" removes the mark."""
    now = now or timezone.now()
    days = set(event_days(event))
    valid_status = set(AttendanceStatus.values)
    with transaction.atomic():
        registrations = {
            r.pk: r
            for r in Registration.objects.select_for_update().filter(
                event_id=event.canonical.pk,
                status=RegistrationStatus.CONFIRMED,
                pk__in={pk for pk, _day in changes},
            )
        }
        touched = set()
        for (pk, day), status in changes.items():
            registration = registrations.get(pk)
            if registration is None or day not in days:
                continue
            if status in valid_status:
                current = registration.attendance.filter(day=day).first()
                if current is None or current.status != status:
                    Attendance.objects.update_or_create(
                        registration=registration,
                        day=day,
                        defaults={"status": status, "recorded_by": user, "by_check_in": False},
                    )
                    touched.add(pk)
            elif status == "" and registration.attendance.filter(day=day).delete()[0]:
                touched.add(pk)
        for pk in touched:
            registration = registrations[pk]
            _sync_attended_at(registration, now)
            registration.save(update_fields=["attended_at", "updated_at"])
        # A certificate issued on attendance since corrected no longer verifies.
        revoked = [pk for pk in touched if not qualifies_for_certificate(registrations[pk])]
        Certificate.objects.filter(registration_id__in=revoked).delete()
    return len(touched)


def present_days(registration):
    return registration.attendance.filter(status=AttendanceStatus.PRESENT).count()


def qualifies_for_certificate(registration, *, options=None, days=None):
    """Present on at least the event's share of its days (all days unless the
    organiser set a lower share), on a confirmed registration of an event that
    offers certificates and has started."""
    event = registration.event
    options = options or options_for(event)
    if not options.certificates_enabled or registration.purged_at:
        return False
    if registration.status != RegistrationStatus.CONFIRMED or not event.has_started:
        return False
    total = len(days if days is not None else event_days(event))
    present = present_days(registration)
    return present > 0 and present * 100 >= options.certificate_min_share * total


def certificate_hours(event, options=None):
    """The hours stated on a certificate: the organiser's number, or the
    event's length (capped at 8 hours a day for multi-day events)."""
    options = options or options_for(event)
    if options.certificate_hours is not None:
        return options.certificate_hours
    days = event_days(event)
    seconds = (event.end - event.start).total_seconds()
    if len(days) > 1:
        daily = (
            event.local_end
            - event.local_end.replace(hour=event.local_start.hour, minute=event.local_start.minute)
        ).total_seconds()
        seconds = (daily if daily > 0 else 8 * 3600) * len(days)
    hours = Decimal(min(seconds, 8 * 3600 * len(days))) / 3600
    return hours.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
