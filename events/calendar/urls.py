"""Calendar routes, included from events/urls.py."""

from django.urls import path

from events.calendar import views

app_name = "calendar"

urlpatterns = [
    path("events/calendar/feed.ics", views.public_feed, name="feed"),
    path("events/calendar/<uuid:uid>.ics", views.event_ics, name="event"),
    path(
        "events/calendar/<uuid:uid>/programme.ics",
        views.programme_ics,
        name="programme",
    ),
    path("events/calendar/my/<str:token>.ics", views.personal_feed, name="personal"),
    path(
        "events/calendar/my-feed/regenerate/",
        views.regenerate_token,
        name="regenerate",
    ),
]
