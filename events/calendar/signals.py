"""Wiring for the calendar: cache invalidation and the .ics
attachment of registration emails. Imported once from EventsConfig.ready()."""

from email.mime.text import MIMEText

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from directory.models import Institution
from events import emails
from events.calendar import ical, services
from events.choices import MailKind
from events.models import (
    CalendarFeedToken,
    EventPage,
    ExternalCalendarSource,
    ExternalEvent,
    Registration,
)
from portal.models import Topic


def _bump(sender, **kwargs):
    services.bump_calendar_version()


# Connected after events' own page_published handler (which bumps SEQUENCE),
# so the cached calendars are dropped after the new sequence is stored.
for _signal in (page_published, page_unpublished):
    _signal.connect(_bump, sender=EventPage, dispatch_uid=f"calendar_{id(_signal)}")
# Topics and institutions appear in CATEGORIES and ORGANIZER.
for _model in (
    EventPage,
    Registration,
    ExternalEvent,
    ExternalCalendarSource,
    CalendarFeedToken,
    Topic,
    Institution,
):
    post_save.connect(_bump, sender=_model, dispatch_uid=f"calendar_save_{_model.__name__}")
    post_delete.connect(_bump, sender=_model, dispatch_uid=f"calendar_delete_{_model.__name__}")


def invitation_method(mail):
    """METHOD for a registration email's calendar attachment, or None.

    A confirmed seat (or an update to it) is a REQUEST; a cancelled event or
    registration is a CANCEL; waiting-list places and messages get nothing."""
    registration = mail.registration
    if mail.kind == MailKind.EVENT_CANCELLED:
        # Only a confirmed seat was ever sent as an invitation.
        return "CANCEL" if registration.is_confirmed else None
    if mail.kind == MailKind.CANCELLED:
        return "CANCEL" if registration.confirmed_at else None
    if mail.kind in (
        MailKind.CONFIRMATION,
        MailKind.PROMOTED,
        MailKind.EVENT_UPDATED,
        MailKind.REMINDER_LINK,
    ):
        return "REQUEST" if registration.is_confirmed else None
    return None


def attach_invitation(email, mail):
    method = invitation_method(mail)
    if method is None:
        return
    registration = mail.registration
    event = EventPage.objects.get(pk=registration.event_id)
    url, _page = emails.event_url_for(event, registration.language or "en")
    body = ical.invitation_calendar(event, registration, url, method=method)
    part = MIMEText(body.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename="invite.ics")
    email.attach(part)


emails.EMAIL_EXTENDERS.append(attach_invitation)
