"""Calendar: iCalendar files and feeds of the portal's events, partner
institutions' calendars imported from .ics, and the personal feed."""
