"""The calendar in Wagtail: the "My calendar feed" panel on My account, the
partner calendars in the admin menu."""

from django.urls import reverse
from wagtail import hooks

from events.calendar import services as calendar_services
from events.calendar.admin_views import calendar_source_viewset
from portal import public_address


@hooks.register("portal_account_sections", order=21)
def account_feed_section(request):
    user = request.user
    if not user.is_authenticated:
        return None
    token = calendar_services.feed_token_for(user)
    section = {"template": "events/calendar/account_feed.html", "feed_url": None}
    if token is not None:
        url = public_address.absolute(reverse("events:calendar:personal", args=[token.token]))
        section.update({"feed_url": url, "webcal_url": calendar_services.webcal(url)})
    return section


@hooks.register("register_admin_viewset")
def register_calendar_sources():
    return calendar_source_viewset
