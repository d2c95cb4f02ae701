from django.urls import include, path

from events import views

app_name = "events"

urlpatterns = [
    path("events/registration/<str:token>/", views.manage, name="manage"),
    path("events/check-in/<str:token>/", views.check_in, name="check_in"),
    path("events/<int:event_id>/check-in/", views.check_in_list, name="check_in_list"),
    path("events/institutions.json", views.institution_options, name="institution_options"),
    # Calendar files and feeds (issue #5), namespace "calendar".
    path("", include("events.calendar_urls")),
]
