from events.calendar.models import CalendarFeedToken, ExternalCalendarSource, ExternalEvent
from events.models.invitations import InvitationCode
from events.models.pages import EventIndexPage, EventPage, EventQuestion, EventSession
from events.models.registrations import Registration, RegistrationMail

__all__ = [
    "CalendarFeedToken",
    "ExternalCalendarSource",
    "ExternalEvent",
    "EventIndexPage",
    "EventPage",
    "EventQuestion",
    "EventSession",
    "InvitationCode",
    "Registration",
    "RegistrationMail",
]
