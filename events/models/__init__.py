from events.calendar.models import CalendarFeedToken, ExternalCalendarSource, ExternalEvent
from events.models.invitations import InvitationCode
from events.models.pages import EventIndexPage, EventPage, EventQuestion, EventSession
from events.models.registrations import Registration, RegistrationMail
from events.models.series import EventSeries

__all__ = [
    "CalendarFeedToken",
    "ExternalCalendarSource",
    "ExternalEvent",
    "EventIndexPage",
    "EventPage",
    "EventQuestion",
    "EventSeries",
    "EventSession",
    "InvitationCode",
    "Registration",
    "RegistrationMail",
]
