from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

register = template.Library()

# The event's zone named the way readers say it, in their language ("Sofia
# time", "czas w Sofii"); a zone not listed keeps its IANA name.
ZONE_NAMES = {
    "Europe/Warsaw": gettext_lazy("Warsaw time"),
    "Europe/Sofia": gettext_lazy("Sofia time"),
    "Europe/Kyiv": gettext_lazy("Kyiv time"),
    "Europe/Vilnius": gettext_lazy("Vilnius time"),
    "Europe/Berlin": gettext_lazy("Berlin time"),
    "Europe/Brussels": gettext_lazy("Brussels time"),
    "UTC": gettext_lazy("UTC"),
}


@register.simple_tag
def event_when(event):
    """The event's dates and times in its own time zone, with the zone named."""
    start = timezone.localtime(event.start, event.zone)
    end = timezone.localtime(event.end, event.zone)
    date = lambda d: formats.date_format(d, "DATE_FORMAT")  # noqa: E731
    time = lambda d: formats.time_format(d, "H:i")  # noqa: E731
    if event.all_day:
        if start.date() == end.date():
            return date(start)
        return f"{date(start)} – {date(end)}"
    if start.date() == end.date():
        text = f"{date(start)}, {time(start)}–{time(end)}"
    else:
        text = f"{date(start)}, {time(start)} – {date(end)}, {time(end)}"
    zone = ZONE_NAMES.get(event.timezone)
    if zone is not None:
        return f"{text} ({zone})"
    return _("%(when)s (%(zone)s time)") % {"when": text, "zone": event.timezone}


@register.filter
def in_zone(value, zone):
    """The wall-clock time in the event's zone. Naive on purpose: Django's
    date and time filters would otherwise convert it back to the site's zone."""
    return timezone.make_naive(value, zone) if value else value
