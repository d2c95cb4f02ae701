"""Reminders before an event and the follow-up after it.

Each event gets the default schedule (7 days and 1 day before the start, 1 day
after the end) the first time the scheduler or the organiser's screen sees it;
organisers change the days, add a note, or cancel a message. `send_due()`
(the `send_event_reminders` command, run from cron) queues whatever is due
through the registration mail queue. A message reaches each registration at
most once: the delivery log has a unique constraint and is written in the
same transaction as the queued mail."""

import datetime
import logging
from email.mime.text import MIMEText

from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Locale

from events import emails, services
from events.calendar import ical
from events.choices import (
    Audience,
    EventStatus,
    MailKind,
    RegistrationStatus,
    ScheduledPurpose,
)
from events.models import (
    EventAttendanceOptions,
    EventPage,
    InvitationCode,
    InvitationReminder,
    Registration,
    ScheduledMessage,
    ScheduledMessageDelivery,
)
from events.models.reminders import DEFAULT_SCHEDULE, INVITEE_DEFAULT
from events.tasks import deliver_invitation_reminder

logger = logging.getLogger(__name__)

# How far the scheduler looks: reminders of events starting within this
# horizon, follow-ups of events that ended within it.
HORIZON = datetime.timedelta(days=60)
# A follow-up not sent within a week of its time (the scheduler was down, or
# the feature arrived after the event) is left unsent: it would be stale.
FOLLOW_UP_GRACE = datetime.timedelta(days=7)


def ensure_default_schedule(event):
    """Create the default messages for an event once (never again after the
    organiser has changed or cancelled them)."""
    event = event.canonical
    with transaction.atomic():
        options, _created = EventAttendanceOptions.objects.select_for_update().get_or_create(
            event=event
        )
        if options.reminders_initialised:
            return False
        schedule = list(DEFAULT_SCHEDULE)
        if event.audience == Audience.INVITATION:
            schedule.append(INVITEE_DEFAULT)
        ScheduledMessage.objects.bulk_create(
            ScheduledMessage(event=event, purpose=purpose, days=days) for purpose, days in schedule
        )
        options.reminders_initialised = True
        options.save(update_fields=["reminders_initialised"])
    return True


def schedule_upcoming_events(now=None):
    """The default schedule for every default-language event not yet ended, or
    ended so recently that its follow-up may still be due."""
    now = now or timezone.now()
    events = EventPage.objects.filter(
        end__gte=now - FOLLOW_UP_GRACE - datetime.timedelta(days=1),
        locale__language_code=_default_language(),
    ).exclude(attendance_options__reminders_initialised=True)
    return sum(1 for event in events if ensure_default_schedule(event))


def _default_language():
    return Locale.get_default().language_code


def position_in_schedule(message):
    """(first, last): the first reminder that goes out carries the .ics file,
    the last one scheduled before the event the join link of an online event."""
    reminders = ScheduledMessage.objects.filter(
        event_id=message.event_id, purpose=ScheduledPurpose.REMINDER, cancelled_at__isnull=True
    ).exclude(pk=message.pk)
    first = not reminders.filter(sent_at__isnull=False).exists()
    last = not reminders.filter(
        sent_at__isnull=True, skipped_at__isnull=True, days__lt=message.days
    ).exists()
    return first, last


def recipients(message, now=None):
    """Confirmed registrations that have not had this message. Reminders go to
    those confirmed before the reminder was due: a later registrant has just
    had the confirmation with the same details."""
    event = message.event
    queryset = Registration.objects.filter(
        event_id=event.pk, status=RegistrationStatus.CONFIRMED, purged_at__isnull=True
    ).exclude(scheduled_deliveries__message=message)
    if message.is_reminder:
        queryset = queryset.annotate(since=Coalesce("confirmed_at", "created_at")).filter(
            since__lte=message.due_at(event)
        )
    return list(queryset)


def invitees(message):
    """Invitation codes given to someone (an email) who has not registered,
    still usable, and not yet reminded by this message."""
    event = message.event
    registered = Registration.objects.filter(event_id=event.pk).exclude(
        status=RegistrationStatus.CANCELLED
    )
    return list(
        InvitationCode.objects.filter(event_id=event.pk, uses__lt=F("max_uses"))
        .exclude(email="")
        .exclude(email__in=registered.values("email"))
        .exclude(reminders__message=message)
    )


def is_due(message, now):
    event = message.event
    if (
        message.cancelled_at
        or message.sent_at
        or message.skipped_at
        or event.status == EventStatus.CANCELLED
    ):
        return False
    due = message.due_at(event)
    if now < due:
        return False
    if message.is_reminder:
        return now < event.start
    if message.is_for_invitees:
        return now < event.closes_at() and event.registration_enabled
    return now <= due + FOLLOW_UP_GRACE


def send(message, now=None):
    """Queue the message for its recipients, once; returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            ScheduledMessage.objects.select_for_update(of=("self",))
            .select_related("event")
            .filter(pk=message.pk)
            .first()
        )
        if locked is None or not is_due(locked, now):
            return 0
        if locked.is_for_invitees:
            return _send_to_invitees(locked, now)
        people = recipients(locked, now)
        first, last = position_in_schedule(locked) if locked.is_reminder else (False, False)
        ScheduledMessageDelivery.objects.bulk_create(
            ScheduledMessageDelivery(message=locked, registration=r) for r in people
        )
        kind = MailKind.REMINDER if locked.is_reminder else MailKind.FOLLOW_UP
        payload = {"scheduled": locked.pk, "first": first, "last": last, "note": locked.note}
        count = services.queue_mails(people, kind, payload) if people else 0
        locked.sent_at = now
        locked.save(update_fields=["sent_at"])
    return count


def _send_to_invitees(message, now):
    rows = InvitationReminder.objects.bulk_create(
        InvitationReminder(message=message, invitation=code) for code in invitees(message)
    )
    ids = [row.pk for row in rows]
    if ids and ids[0] is None:  # backends without RETURNING ids
        ids = list(message.invitation_reminders.values_list("pk", flat=True))
    transaction.on_commit(lambda: [_enqueue_invitation_reminder(pk) for pk in ids])
    message.sent_at = now
    message.save(update_fields=["sent_at"])
    return len(ids)


def _enqueue_invitation_reminder(pk):
    try:
        deliver_invitation_reminder.enqueue(pk)
    except Exception:
        # The row stays pending; `send_pending_mail` will deliver it.
        logger.exception("Could not queue invitation reminder %s", pk)


def send_due(now=None):
    """Queue every scheduled message that is due now. Returns (messages, mails)."""
    now = now or timezone.now()
    schedule_upcoming_events(now)
    candidates = (
        ScheduledMessage.objects.filter(
            cancelled_at__isnull=True, sent_at__isnull=True, skipped_at__isnull=True
        )
        .exclude(event__status=EventStatus.CANCELLED)
        .filter(
            Q(
                purpose__in=[ScheduledPurpose.REMINDER, ScheduledPurpose.INVITEE_REMINDER],
                event__start__gt=now,
                event__start__lte=now + HORIZON,
            )
            | Q(
                purpose=ScheduledPurpose.FOLLOW_UP,
                event__end__lte=now,
                event__end__gt=now - HORIZON,
            )
        )
        .select_related("event")
        .order_by("pk")
    )
    due = [message for message in candidates if is_due(message, now)]
    # Of several reminders of one event due at once, only the latest goes.
    latest = {}
    for message in due:
        if message.is_reminder:
            current = latest.get(message.event_id)
            if current is None or message.days < current.days:
                latest[message.event_id] = message
    sent_messages = mails = 0
    for message in due:
        if message.is_reminder and latest[message.event_id] is not message:
            ScheduledMessage.objects.filter(pk=message.pk, sent_at__isnull=True).update(
                skipped_at=now
            )
            continue
        mails += send(message, now)
        sent_messages += 1
    return sent_messages, mails


def cancel(message, now=None):
    ScheduledMessage.objects.filter(pk=message.pk, sent_at__isnull=True).update(
        cancelled_at=now or timezone.now()
    )


def still_wanted(mail):
    """A reminder or follow-up is dropped at delivery when the event or the
    registration has been cancelled since it was queued."""
    registration = mail.registration
    return registration.status == RegistrationStatus.CONFIRMED and (
        registration.event.status != EventStatus.CANCELLED
    )


def attach_calendar_to_first_reminder(email, mail):
    if mail.kind != MailKind.REMINDER or not mail.payload.get("first"):
        return
    registration = mail.registration
    event = EventPage.objects.get(pk=registration.event_id)
    url, _page = emails.event_url_for(event, registration.language or "en")
    body = ical.invitation_calendar(event, registration, url, method="REQUEST")
    part = MIMEText(body.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", "REQUEST")
    part.add_header("Content-Disposition", "attachment", filename="invite.ics")
    email.attach(part)


emails.EMAIL_EXTENDERS.append(attach_calendar_to_first_reminder)
