"""The messages sent to registrants.

`build_email(mail)` returns an `EmailMultiAlternatives` (text and HTML, in
the registrant's language) that is not sent yet, so that other features can
add to it (the calendar's .ics attachment) before `deliver()` sends it.
"""

import io
import logging
from email.mime.image import MIMEImage

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from events import attendance
from events.choices import MailKind, MailStatus, RegistrationStatus
from events.models import InvitationReminder, Registration, RegistrationMail
from events.translations import in_language

logger = logging.getLogger(__name__)

QR_CONTENT_ID = "checkin-qr"

# Functions `fn(email, mail)` that add to a message before it goes (e.g. the
# calendar issue's .ics attachment). Appended to by other modules.
EMAIL_EXTENDERS = []


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def event_url_for(event, language):
    """The event's page in the registrant's language when it is published."""
    (page,) = in_language([event], language)
    return absolute_url(page.url or "/"), page


# qrcode (4 MB with its image factories) is imported where a QR code is
# drawn, so that web workers that never draw one do not hold it.


def qr_png(data):
    import qrcode  # noqa: PLC0415 - see above

    image = qrcode.make(data, box_size=6, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def qr_svg(data):
    """An inline SVG of the QR code for web pages."""
    import qrcode  # noqa: PLC0415 - see above qr_png
    import qrcode.image.svg  # noqa: PLC0415

    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")


def subject_for(mail, title):
    registration = mail.registration
    if mail.kind == MailKind.CONFIRMATION:
        if registration.is_waiting:
            return _("You are on the waiting list: %(title)s") % {"title": title}
        return _("Registration confirmed: %(title)s") % {"title": title}
    subjects = {
        MailKind.REMINDER_LINK: _("Your registration for %(title)s"),
        MailKind.PROMOTED: _("A seat is yours: %(title)s"),
        MailKind.CANCELLED: _("Registration cancelled: %(title)s"),
        MailKind.EVENT_UPDATED: _("Changed: %(title)s"),
        MailKind.EVENT_CANCELLED: _("Cancelled: %(title)s"),
    }
    if mail.kind == MailKind.MESSAGE:
        return f"{title}: {mail.payload.get('subject', '')}"
    if mail.kind == MailKind.REMINDER:
        return _("Reminder: %(title)s, %(date)s") % {
            "title": title,
            "date": formats.date_format(
                timezone.localtime(registration.event.start, registration.event.zone),
                "DATE_FORMAT",
            ),
        }
    if mail.kind == MailKind.FOLLOW_UP:
        return _("Thank you for taking part: %(title)s") % {"title": title}
    return subjects[mail.kind] % {"title": title}


def intro_for(mail):
    registration = mail.registration
    if mail.kind == MailKind.CONFIRMATION:
        if registration.is_waiting:
            return [
                _("Thank you for registering. The event is full, so you are on the waiting list."),
                _(
                    "If a seat becomes free before registration closes, it is offered to the waiting list in order of registration and we will write to you at once."
                ),
            ]
        return [_("Thank you for registering. Your seat is confirmed.")]
    if mail.kind == MailKind.REMINDER_LINK:
        return [
            _(
                "You asked to register again with this email address. You are already registered; nothing has changed."
            ),
            _("Here is your personal link again."),
        ]
    if mail.kind == MailKind.PROMOTED:
        return [_("A seat has become free and it is yours: your registration is now confirmed.")]
    if mail.kind == MailKind.CANCELLED:
        if mail.payload.get("by_organiser"):
            return [_("The organisers have cancelled your registration.")]
        return [_("Your registration has been cancelled. Thank you for letting us know.")]
    if mail.kind == MailKind.EVENT_UPDATED:
        return [
            _(
                "The organisers have changed the time, place or status of the event. The current details are below."
            )
        ]
    if mail.kind == MailKind.EVENT_CANCELLED:
        return [_("We are sorry: the event has been cancelled.")]
    if mail.kind == MailKind.REMINDER:
        lines = [
            _("This is a reminder of the event you registered for. We look forward to seeing you.")
        ]
        if mail.payload.get("first"):
            lines.append(_("The attached calendar file adds the event to your calendar."))
        if mail.payload.get("last") and registration.event.is_online:
            lines.append(_("The link to join the event online is below."))
        return lines
    if mail.kind == MailKind.FOLLOW_UP:
        return [
            _(
                "Thank you for taking part. Below are the event's materials and, if you attended, your certificate of attendance."
            )
        ]
    return []


def follow_up_links(mail, event, page, event_url):
    """The follow-up's links: feedback survey, materials, certificate."""
    if mail.kind != MailKind.FOLLOW_UP:
        return {}
    registration = mail.registration
    options = attendance.options_for(event)
    links = {
        "feedback_url": options.feedback_url,
        "materials_url": f"{event_url}#materials-heading" if page.materials else "",
        "certificate_url": "",
    }
    if attendance.qualifies_for_certificate(registration, options=options):
        links["certificate_url"] = absolute_url(
            reverse("events:certificate", kwargs={"token": registration.manage_token})
        )
    return links


def build_email(mail):
    """The message for a RegistrationMail, not yet sent."""
    registration = mail.registration
    event = (
        registration.event.specific
        if hasattr(registration.event, "specific")
        else registration.event
    )
    language = registration.language or settings.LANGUAGE_CODE
    with translation.override(language):
        event_url, page = event_url_for(event, language)
        title = page.title
        show_seat = registration.is_confirmed and mail.kind in (
            MailKind.CONFIRMATION,
            MailKind.PROMOTED,
            MailKind.REMINDER_LINK,
            MailKind.EVENT_UPDATED,
        )
        # The join link goes out again in the last reminder before the event.
        last_reminder = mail.kind == MailKind.REMINDER and bool(mail.payload.get("last"))
        context = {
            "mail": mail,
            "registration": registration,
            "event": page,
            "event_url": event_url,
            "title": title,
            "intro": intro_for(mail),
            "message_body": mail.payload.get("body", "")
            if mail.kind == MailKind.MESSAGE
            else mail.payload.get("note", ""),
            "manage_url": absolute_url(registration.get_manage_path()),
            "show_join_link": (show_seat or (last_reminder and registration.is_confirmed))
            and event.is_online
            and bool(event.online_url),
            **follow_up_links(mail, event, page, event_url),
            "show_qr": show_seat and not event.is_online,
            "qr_cid": QR_CONTENT_ID,
            "waiting_position": registration.waiting_position(),
            "is_cancelled_event": event.is_cancelled,
        }
        subject = subject_for(mail, title)
        text = render_to_string("events/emails/registration.txt", context)
        html = render_to_string("events/emails/registration.html", context)
    email = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
    email.attach_alternative(html, "text/html")
    if context["show_qr"]:
        email.mixed_subtype = "related"
        image = MIMEImage(qr_png(absolute_url(registration.get_checkin_path())), "png")
        image.add_header("Content-ID", f"<{QR_CONTENT_ID}>")
        image.add_header("Content-Disposition", "inline", filename="check-in.png")
        email.attach(image)
    for extend in EMAIL_EXTENDERS:
        extend(email, mail)
    return email


def deliver(mail_id):
    """Send one queued message; on failure keep it for `send_pending_mail`."""
    with transaction.atomic():
        mail = (
            RegistrationMail.objects.select_for_update(of=("self",))
            .select_related("registration", "registration__event", "registration__institution")
            .filter(pk=mail_id, status__in=[MailStatus.PENDING, MailStatus.FAILED])
            .first()
        )
        if mail is None:
            return "gone"
        if mail.registration.purged_at:
            mail.delete()
            return "gone"
        if mail.kind in (MailKind.REMINDER, MailKind.FOLLOW_UP) and (
            not mail.registration.is_confirmed or mail.registration.event.is_cancelled
        ):
            # Cancelled since it was queued: a reminder would mislead.
            mail.delete()
            return "gone"
        return _send_and_record(mail, build_email, "Registration mail")


def _send_and_record(row, build, what):
    """Send the message `build(row)` makes and record the outcome on the queued
    row (a RegistrationMail or an InvitationReminder), inside the caller's lock."""
    row.attempts += 1
    try:
        build(row).send()
    except Exception as error:
        logger.warning("%s %s failed: %s", what, row.pk, error)
        row.status = MailStatus.FAILED
        row.last_error = f"{type(error).__name__}: {error}"[:2000]
        row.save(update_fields=["status", "attempts", "last_error"])
        return "failed"
    row.status = MailStatus.SENT
    row.sent_at = timezone.now()
    row.last_error = ""
    row.save(update_fields=["status", "attempts", "last_error", "sent_at"])
    return "sent"


def build_invitation_email(reminder):
    """The reminder to an invitee who holds a code but has not registered."""
    invitation = reminder.invitation
    event = reminder.message.event
    language = invitation.language or settings.LANGUAGE_CODE
    with translation.override(language):
        event_url, page = event_url_for(event, language)
        context = {
            "event": page,
            "title": page.title,
            "event_url": event_url,
            "register_url": event_url.rstrip("/") + "/register/",
            "code": invitation.code,
            "note": reminder.message.note,
            "closes_at": event.closes_at(),
        }
        subject = _("Invitation: %(title)s") % {"title": page.title}
        text = render_to_string("events/emails/invitation_reminder.txt", context)
        html = render_to_string("events/emails/invitation_reminder.html", context)
    email = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.email],
    )
    email.attach_alternative(html, "text/html")
    return email


def deliver_invitation(reminder_id):
    """Send one queued reminder to an invitee; on failure keep it for
    `send_pending_mail`. Dropped if the invitee has registered meanwhile or
    the event was cancelled."""
    with transaction.atomic():
        reminder = (
            InvitationReminder.objects.select_for_update(of=("self",))
            .select_related("invitation", "message", "message__event")
            .filter(pk=reminder_id, status__in=[MailStatus.PENDING, MailStatus.FAILED])
            .first()
        )
        if reminder is None:
            return "gone"
        invitation, event = reminder.invitation, reminder.message.event
        registered = (
            Registration.objects.filter(event_id=event.pk, email=invitation.email.lower())
            .exclude(status=RegistrationStatus.CANCELLED)
            .exists()
        )
        if registered or event.is_cancelled or invitation.is_used_up:
            reminder.delete()
            return "gone"
        return _send_and_record(reminder, build_invitation_email, "Invitation reminder")
