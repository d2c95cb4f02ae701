# Django's Polish date-time format has no comma between the date and the time
# ("11 grudnia 2026 10:00"); the portal writes "11 grudnia 2026, 10:00" the way
# its own event times read (events.templatetags.events_tags.event_when).
DATETIME_FORMAT = "j E Y, H:i"
# Django's Polish short dates use hyphens ("11-12-2026"); Polish offices write
# "11.12.2026".
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
