"""Template tags for calendar links. Read-only."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from events.calendar import ical
from events.calendar import services as calendar_services
from events.calendar.views import FEED_PARAMS
from portal import public_address

register = template.Library()


@register.simple_tag(takes_context=True)
def event_calendar_links(context, event):
    """The event's .ics, its programme, and Google / Outlook.com links."""
    request = context.get("request")
    calendar_services.attach_identities([event])
    uid = ical.event_identity(event)[0]
    links = {
        "ics": reverse("events:calendar:event", args=[uid]),
        "programme": reverse("events:calendar:programme", args=[uid]),
    }
    page_url = event.public_url(request)
    links.update(calendar_services.web_calendar_links(event, page_url))
    return links


@register.simple_tag(takes_context=True)
def events_feed_links(context):
    """The public feed with the listing's current filters, and as webcal://."""
    request = context.get("request")
    path = reverse("events:calendar:feed")
    params = []
    if request is not None:
        params = [
            (key, value) for key in FEED_PARAMS for value in request.GET.getlist(key) if value
        ]
    if params:
        path += "?" + urlencode(params)
    absolute = public_address.absolute(path)
    return {
        "url": path,
        "absolute": absolute,
        "webcal": calendar_services.webcal(absolute),
        "filtered": bool(params),
    }


@register.simple_tag
def partner_events(limit=10):
    return calendar_services.upcoming_externals(limit)
