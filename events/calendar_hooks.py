"""The "My calendar feed" panel on My account (issue #5)."""

from django.urls import reverse

from events import calendar_services


def account_feed_section(request):
    user = request.user
    if not user.is_authenticated:
        return None
    token = calendar_services.feed_token_for(user)
    section = {"template": "events/calendar/account_feed.html", "feed_url": None}
    if token is not None:
        url = request.build_absolute_uri(reverse("events:calendar:personal", args=[token.token]))
        section.update({"feed_url": url, "webcal_url": calendar_services.webcal(url)})
    return section

