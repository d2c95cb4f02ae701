"""Calendar routes (issue #5), included from events/urls.py."""

from django.urls import path

from events import calendar_views

app_name = "calendar"

urlpatterns = [
    path("events/calendar/feed.ics", calendar_views.public_feed, name="feed"),
    path("events/calendar/<uuid:uid>.ics", calendar_views.event_ics, name="event"),
    path(
        "events/calendar/<uuid:uid>/programme.ics",
        calendar_views.programme_ics,
        name="programme",
    ),
    path("events/calendar/my/<str:token>.ics", calendar_views.personal_feed, name="personal"),
    path(
        "events/calendar/my-feed/regenerate/",
        calendar_views.regenerate_token,
        name="regenerate",
    ),
]
