from events.calendar.models import CalendarFeedToken, ExternalCalendarSource, ExternalEvent
from events.models.attendance import Attendance, EventAttendanceOptions
from events.models.certificates import Certificate
from events.models.invitations import InvitationCode
from events.models.pages import EventIndexPage, EventPage, EventQuestion, EventSession
from events.models.registrations import Registration, RegistrationMail
from events.models.reminders import (
    InvitationReminder,
    ScheduledMessage,
    ScheduledMessageDelivery,
)
from events.models.series import EventSeries

__all__ = [
    "Attendance",
    "Certificate",
    "EventAttendanceOptions",
    "ScheduledMessage",
    "ScheduledMessageDelivery",
    "CalendarFeedToken",
    "ExternalCalendarSource",
    "ExternalEvent",
    "EventIndexPage",
    "EventPage",
    "EventQuestion",
    "EventSeries",
    "EventSession",
    "InvitationCode",
    "InvitationReminder",
    "Registration",
    "RegistrationMail",
]
