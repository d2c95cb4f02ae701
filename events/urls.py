from django.urls import include, path

from events import views
from events.admin.views import check_in

app_name = "events"

urlpatterns = [
    path("events/registration/<str:token>/", views.manage, name="manage"),
    path("events/check-in/<str:token>/", check_in.check_in, name="check_in"),
    path("events/<id:event_id>/check-in/", check_in.check_in_list, name="check_in_list"),
    path("events/institutions.json", views.institution_options, name="institution_options"),
    # Calendar files and feeds, namespace "calendar".
    path("", include("events.calendar.urls")),
]
