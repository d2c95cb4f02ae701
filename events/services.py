"""Registration rules: capacity, waiting list, cancellation, promotion,
check-in and the notices that follow changes to an event.

Every function that changes seats runs in one transaction and locks the
event's row *once, late, just before counting* (as pretix does), so
confirmed registrations never exceed the capacity however many requests
arrive at once. Mail is written as `RegistrationMail` rows in the same
transaction and handed to django-tasks only after commit.
"""

import datetime
import logging
import threading
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from directory.visibility import is_member
from events import attendance, seats
from events.choices import Audience, EventStatus, MailKind, RegistrationState, RegistrationStatus
from events.models import EventPage, InvitationCode, Registration, RegistrationMail
from events.models.registrations import new_token
from events.tasks import deliver_registration_mail

logger = logging.getLogger(__name__)

# Set by the demo loader so that re-seeding does not mail demo attendees.
NOTIFICATIONS = threading.local()

# Fields a registrant (or an organiser on their behalf) may fill in.
PERSONAL_FIELDS = (
    "name",
    "email",
    "institution",
    "institution_other",
    "position",
    "phone",
    "dietary",
    "accessibility",
    "answers",
    "language",
)
EDITABLE_FIELDS = (
    "institution",
    "institution_other",
    "position",
    "phone",
    "dietary",
    "accessibility",
    "answers",
)


class RegistrationError(Exception):
    """A rule said no. `message` is translated and safe to show to the user."""

    def __init__(self, message, code="invalid"):
        super().__init__(str(message))
        self.message = message
        self.code = code

    @property
    def needs_membership(self):
        return self.code == "members"


@dataclass
class RegistrationResult:
    registration: Registration
    created: bool

    @property
    def duplicate(self):
        return not self.created


# --- mail --------------------------------------------------------------------


def queue_mail(registration, kind, payload=None):
    """Record a message for a registrant and send it once the transaction commits."""
    mail = RegistrationMail.objects.create(
        registration=registration, kind=kind, payload=payload or {}
    )
    transaction.on_commit(lambda: enqueue_mail(mail.pk))
    return mail


def queue_mails(registrations, kind, payload=None):
    mails = RegistrationMail.objects.bulk_create(
        [RegistrationMail(registration=r, kind=kind, payload=payload or {}) for r in registrations]
    )
    ids = [m.pk for m in mails]
    if ids and ids[0] is None:  # backends without RETURNING ids
        ids = list(
            RegistrationMail.objects.filter(
                registration__in=registrations, kind=kind, sent_at__isnull=True
            ).values_list("pk", flat=True)
        )
    transaction.on_commit(lambda: [enqueue_mail(pk) for pk in ids])
    return len(ids)


def enqueue_mail(mail_id):
    try:
        deliver_registration_mail.enqueue(mail_id)
    except Exception:
        # The row stays pending; `send_pending_mail` will deliver it.
        logger.exception("Could not queue registration mail %s", mail_id)


# --- locking -------------------------------------------------------------------


def _lock_event(event, fields=None):
    """Lock the event's own row (events_eventpage, not the shared wagtailcore
    page row, so editors saving the page are not held up) for the rest of
    the transaction. Every change of seats for this event goes through here,
    so counting after this lock is exact. SQLite ignores the lock but
    serialises writers anyway. `fields`: only these are read (the others
    would be read on first use)."""
    queryset = EventPage.objects.select_for_update(of=("self",))
    if fields:
        queryset = queryset.only(*fields)
    return queryset.get(pk=event.canonical.pk)


# What `register` reads of the locked event.
REGISTER_FIELDS = ("capacity", "waiting_list_enabled", "audience", "translation_key")


def _can_auto_promote(event, now=None):
    now = now or timezone.now()
    return event.status != EventStatus.CANCELLED and now < event.closes_at() and now < event.start


def _confirmed_count(event):
    return Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()


def _has_seat(event):
    return event.capacity is None or _confirmed_count(event) < event.capacity


# --- registering -----------------------------------------------------------------


def check_can_register(event, *, user=None, by_organiser=False, now=None, count_seats=True):
    """Raise RegistrationError when this person may not register now.
    `count_seats=False`: whether the event is full is left to the caller,
    who counts under the event's lock."""
    event = event.canonical
    if by_organiser:
        if event.is_cancelled:
            raise RegistrationError(_("This event has been cancelled."), "cancelled")
        return
    state = event.registration_state(now, count_seats=count_seats)
    if not event.registration_enabled:
        raise RegistrationError(
            _("This event does not take registrations on the portal."), "closed"
        )
    if event.is_cancelled:
        raise RegistrationError(_("This event has been cancelled."), "cancelled")
    if state == RegistrationState.NOT_OPEN:
        raise RegistrationError(_("Registration has not opened yet."), "not_open")
    if state == RegistrationState.CLOSED:
        raise RegistrationError(_("Registration is closed."), "closed")
    if state == RegistrationState.FULL:
        raise RegistrationError(_("The event is full and has no waiting list."), "full")
    if event.audience == Audience.MEMBERS and not is_member(user):
        raise RegistrationError(
            _("Only members of the portal's institutions can register for this event."), "members"
        )


def registration_refusal(event, *, user=None, now=None):
    """Why this person may not register now (a RegistrationError), or None:
    what the registration page shows before anyone submits the form."""
    try:
        check_can_register(event, user=user, now=now)
    except RegistrationError as error:
        return error
    return None


# Anyone may type anyone's address into the form: without a pause between
# reminders, a stranger could fill a registrant's inbox from our server.
REMINDER_LINK_INTERVAL = datetime.timedelta(hours=24)


def _reminder_sent_recently(registration):
    return registration.mails.filter(
        kind=MailKind.REMINDER_LINK,
        created_at__gte=timezone.now() - REMINDER_LINK_INTERVAL,
    ).exists()


def register(
    event,
    data,
    *,
    user=None,
    invitation_code="",
    by_organiser=False,
    send_confirmation=True,
    now=None,
):
    """Register a person. Returns a RegistrationResult; raises RegistrationError.

    A second registration with the same email for the same event creates
    nothing: the existing registration is returned and its personal link
    sent again, at most once per REMINDER_LINK_INTERVAL."""
    event = event.canonical
    # Whether a seat is left is decided below, counted under the lock.
    check_can_register(event, user=user, by_organiser=by_organiser, now=now, count_seats=False)
    email = (data.get("email") or "").strip().lower()
    if not email:
        raise RegistrationError(_("Enter an email address."), "email")
    fields = {name: data[name] for name in PERSONAL_FIELDS if name in data}
    fields["email"] = email

    with transaction.atomic():
        # The lock is held until the commit: everything below is a handful of
        # short queries, nothing slow (mail goes out after the commit).
        locked = _lock_event(event, REGISTER_FIELDS)
        # One query for the seats taken, the last place in the queue and
        # whether this address is registered already.
        seen = Registration.objects.filter(event=locked).aggregate(
            confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
            last=Max("queue_number"),
            same_email=Count(
                "pk",
                filter=Q(email=email, purged_at__isnull=True)
                & ~Q(status=RegistrationStatus.CANCELLED),
            ),
        )
        has_seat = locked.capacity is None or seen["confirmed"] < locked.capacity
        if not has_seat and not locked.waiting_list_enabled and not by_organiser:
            raise RegistrationError(_("The event is full and has no waiting list."), "full")
        if seen["same_email"]:
            existing = (
                Registration.objects.filter(event=locked, email=email, purged_at__isnull=True)
                .exclude(status=RegistrationStatus.CANCELLED)
                .first()
            )
            if not _reminder_sent_recently(existing):
                queue_mail(existing, MailKind.REMINDER_LINK)
            return RegistrationResult(existing, created=False)

        invitation = None
        if locked.audience == Audience.INVITATION and not by_organiser:
            code = InvitationCode.normalise(invitation_code)
            invitation = (
                InvitationCode.objects.select_for_update().filter(event=locked, code=code).first()
                if code
                else None
            )
            if invitation is None:
                raise RegistrationError(_("This invitation code is not valid."), "invitation")
            if invitation.is_used_up:
                raise RegistrationError(
                    _("This invitation code has already been used."), "invitation"
                )
            invitation.uses += 1
            invitation.save(update_fields=["uses"])

        now = timezone.now()
        if has_seat:
            status = RegistrationStatus.CONFIRMED
        elif locked.waiting_list_enabled:
            status = RegistrationStatus.WAITING
        else:
            raise RegistrationError(_("The event is full and has no waiting list."), "full")

        registration = Registration(
            event=locked,
            status=status,
            queue_number=(seen["last"] or 0) + 1,
            confirmed_at=now if status == RegistrationStatus.CONFIRMED else None,
            consent_at=data.get("consent_at") or (None if by_organiser else now),
            user=user if user is not None and user.is_authenticated and not by_organiser else None,
            invitation=invitation,
            added_by_organiser=by_organiser,
            **fields,
        )
        # Cached registration forms show whether a seat is left: only the
        # registration taking the last seat changes that.
        registration.unchanged_fullness = not (
            status == RegistrationStatus.CONFIRMED
            and locked.capacity is not None
            and seen["confirmed"] + 1 >= locked.capacity
        )
        registration.save(force_insert=True)
        if send_confirmation:
            queue_mail(registration, MailKind.CONFIRMATION)
    return RegistrationResult(registration, created=True)


def update_registration(registration, data):
    """The registrant changes their answers (not their name or email)."""
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.is_cancelled or locked.purged_at:
            raise RegistrationError(_("This registration has been cancelled."), "cancelled")
        for name in EDITABLE_FIELDS:
            if name in data:
                setattr(locked, name, data[name])
        locked.save()
    return locked


# --- cancelling and promoting -----------------------------------------------------


def _promote(registration, now):
    registration.status = RegistrationStatus.CONFIRMED
    registration.confirmed_at = now
    registration.save(update_fields=["status", "confirmed_at", "updated_at"])
    queue_mail(registration, MailKind.PROMOTED)


def fill_free_seats(event, now=None):
    """Offer free seats to the waiting list in order of arrival. Call with
    the event locked."""
    now = now or timezone.now()
    promoted = []
    if not _can_auto_promote(event, now):
        return promoted
    waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).order_by(
        "queue_number"
    )
    free = None if event.capacity is None else event.capacity - _confirmed_count(event)
    for registration in waiting if free is None else waiting[: max(free, 0)]:
        _promote(registration, now)
        promoted.append(registration)
    return promoted


def cancel(registration, *, by_organiser=False, notify=True):
    """Cancel a registration; a freed seat goes to the first on the waiting
    list (unless registration has closed or the event has started)."""
    with transaction.atomic():
        locked_event = _lock_event(registration.event)
        locked = Registration.objects.get(pk=registration.pk)
        if locked.is_cancelled:
            return locked, []
        was_confirmed = locked.is_confirmed
        now = timezone.now()
        locked.status = RegistrationStatus.CANCELLED
        locked.cancelled_at = now
        locked.save(update_fields=["status", "cancelled_at", "updated_at"])
        if notify:
            queue_mail(locked, MailKind.CANCELLED, {"by_organiser": by_organiser})
        promoted = fill_free_seats(locked_event, now) if was_confirmed else []
    return locked, promoted


def promote(registration):
    """An organiser gives a waiting (or cancelled) person a seat by hand;
    allowed at any time, but never beyond the capacity."""
    with transaction.atomic():
        locked_event = _lock_event(registration.event)
        locked = Registration.objects.get(pk=registration.pk)
        if locked.is_confirmed:
            return locked
        if locked.purged_at:
            raise RegistrationError(_("This registration's personal data has been removed."))
        if locked.is_cancelled and (
            Registration.objects.filter(event=locked_event, email=locked.email)
            .exclude(status=RegistrationStatus.CANCELLED)
            .exists()
        ):
            raise RegistrationError(_("This person already has another registration."), "duplicate")
        if not _has_seat(locked_event):
            raise RegistrationError(
                _("No seat is free. Cancel a registration or raise the capacity first."), "full"
            )
        locked.cancelled_at = None
        _promote(locked, timezone.now())
    return locked


def move_to_waiting_list(registration):
    """An organiser puts a registration (back) on the waiting list, keeping
    its place in the order of arrival."""
    with transaction.atomic():
        locked_event = _lock_event(registration.event)
        locked = Registration.objects.get(pk=registration.pk)
        if locked.is_waiting:
            return locked
        if locked.is_cancelled and (
            Registration.objects.filter(event=locked_event, email=locked.email)
            .exclude(status=RegistrationStatus.CANCELLED)
            .exists()
        ):
            raise RegistrationError(_("This person already has another registration."), "duplicate")
        locked.status = RegistrationStatus.WAITING
        locked.confirmed_at = None
        locked.cancelled_at = None
        locked.save(update_fields=["status", "confirmed_at", "cancelled_at", "updated_at"])
    return locked


def change_status(registration, status):
    if status == RegistrationStatus.CANCELLED:
        return cancel(registration, by_organiser=True)[0]
    if status == RegistrationStatus.CONFIRMED:
        return promote(registration)
    if status == RegistrationStatus.WAITING:
        return move_to_waiting_list(registration)
    raise RegistrationError(_("Unknown status."))


# --- personal data ---------------------------------------------------------------


def anonymise_registrations(registrations, now=None):
    """Remove the personal data from these registrations: after the retention
    period (`purge_event_personal_data`) and when an account is deleted. The
    records stay, anonymous, so that attendance counts by institution remain."""
    now = now or timezone.now()
    with transaction.atomic():
        rows = list(registrations.values_list("pk", "event_id"))
        ids = [pk for pk, _event_id in rows]
        RegistrationMail.objects.filter(registration_id__in=ids).delete()
        # Tokens are replaced so that old links and QR codes stop working.
        for pk in ids:
            Registration.objects.filter(pk=pk).update(
                name="",
                email="",
                institution_other="",
                position="",
                phone="",
                dietary="",
                accessibility="",
                answers={},
                user=None,
                consent_at=None,
                manage_token=new_token(),
                checkin_token=new_token(),
                purged_at=now,
            )
        # update() sends no signal; the seats' pages may show these rows.
        seats.bump_events(event_id for _pk, event_id in rows)
    return len(ids)


# --- check-in ---------------------------------------------------------------------


def check_in_window_error(event, now=None):
    """A RegistrationError saying when check-in is open, or None when it is now."""
    now = now or timezone.now()
    opens, closes = attendance.check_in_window(event)
    if now < opens:
        return RegistrationError(
            _("Check-in has not opened yet: it opens on %(date)s.")
            % {"date": formats.date_format(timezone.localtime(opens, event.zone), "DATE_FORMAT")},
            "check_in_not_open",
        )
    if now > closes:
        return RegistrationError(
            _(
                "Check-in for this event closed on %(date)s at %(time)s. Organisers can still correct the attendance register."
            )
            % {
                "date": formats.date_format(timezone.localtime(closes, event.zone), "DATE_FORMAT"),
                "time": formats.time_format(timezone.localtime(closes, event.zone), "H:i"),
            },
            "check_in_closed",
        )
    return None


def check_in(registration, *, undo=False, now=None):
    """Mark the attendee present today (by QR code or the list), within the
    check-in window; `undo` takes today's check-in back."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("event")
            .get(pk=registration.pk)
        )
        error = check_in_window_error(locked.event, now)
        if error is not None:
            raise error
        if not undo and not locked.is_confirmed:
            raise RegistrationError(
                _("Only confirmed registrations can be checked in."), "not_confirmed"
            )
        attendance.record_check_in(locked, undo=undo, now=now)
    return locked


# --- organisers' messages and event changes -------------------------------------------


MESSAGE_AUDIENCES = ("confirmed", "waiting", "present", "absent", "all")


def message_recipients(event, audience="confirmed"):
    """Who an organiser's message reaches: confirmed attendees, the waiting
    list, those checked in (present) or confirmed but not checked in
    (absent), or everyone still registered."""
    registrations = Registration.objects.filter(event=event.canonical, purged_at__isnull=True)
    if audience == "waiting":
        return registrations.filter(status=RegistrationStatus.WAITING).order_by("queue_number")
    if audience == "present":
        return registrations.filter(attended_at__isnull=False)
    if audience == "absent":
        return registrations.filter(status=RegistrationStatus.CONFIRMED, attended_at__isnull=True)
    if audience == "all":
        return registrations.filter(
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]
        )
    return registrations.filter(status=RegistrationStatus.CONFIRMED)


def send_message(event, subject, body, audience="confirmed"):
    """A message from the organisers to one group of the event's registrants,
    each in their own email."""
    if audience not in MESSAGE_AUDIENCES:
        raise ValueError(audience)
    with transaction.atomic():
        recipients = list(message_recipients(event, audience).order_by("pk"))
        return queue_mails(
            recipients,
            MailKind.MESSAGE,
            {"subject": subject, "body": body, "audience": audience},
        )


def event_snapshot(event):
    """What attendees must hear about when it changes: time, place, status."""
    return {
        "start": event.start.isoformat() if event.start else None,
        "end": event.end.isoformat() if event.end else None,
        "timezone": event.timezone,
        "all_day": event.all_day,
        "venue_name": event.venue_name,
        "venue_address": event.venue_address,
        "venue_postcode": event.venue_postcode,
        "venue_city": event.venue_city,
        "venue_country": event.venue_country.code,
        "is_online": event.is_online,
        "online_url": event.online_url,
        "status": event.status,
    }


def handle_event_published(event):
    """Called after an event page is published. When its time, place or
    status differ from the last published version, bump its sequence and
    tell the confirmed attendees (an update, or the cancellation)."""
    if event.canonical.pk != event.pk:
        return None  # a translation: the source's publication speaks for the event
    if getattr(NOTIFICATIONS, "suppressed", False):
        EventPage.objects.filter(pk=event.pk).update(published_snapshot=event_snapshot(event))
        return None
    with transaction.atomic():
        locked = _lock_event(event)
        new = event_snapshot(locked)
        old = locked.published_snapshot or {}
        # A field the last snapshot did not record yet (added later, like the
        # postcode) is not a change: no update mail to everyone on deploy.
        old = {key: old.get(key, value) for key, value in new.items()} if old else {}
        changed = bool(old) and old != new
        updates = {"published_snapshot": new}
        kind = None
        if changed:
            updates["sequence"] = locked.sequence + 1
            became_cancelled = (
                new["status"] == EventStatus.CANCELLED
                and old.get("status") != EventStatus.CANCELLED
            )
            kind = MailKind.EVENT_CANCELLED if became_cancelled else MailKind.EVENT_UPDATED
            changed_fields = sorted(k for k in new if old.get(k) != new[k])
            recipients = list(
                Registration.objects.filter(
                    event=locked, status=RegistrationStatus.CONFIRMED, purged_at__isnull=True
                )
            )
            if kind == MailKind.EVENT_CANCELLED:
                recipients += list(
                    Registration.objects.filter(
                        event=locked, status=RegistrationStatus.WAITING, purged_at__isnull=True
                    )
                )
        # Stored before the mail is queued, so an invitation built at any time
        # (even at once, without waiting for the commit) carries the new SEQUENCE.
        EventPage.objects.filter(pk=locked.pk).update(**updates)
        if kind is not None:
            queue_mails(recipients, kind, {"changed": changed_fields})
        # A raised capacity (or a later closing time) may free seats at once.
        fill_free_seats(EventPage.objects.get(pk=locked.pk))
    return kind
