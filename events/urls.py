from django.urls import include, path

from events import views
from events.admin.views import check_in
from events.certificates import views as certificate_views

app_name = "events"

urlpatterns = [
    path("events/registration/<str:token>/", views.manage, name="manage"),
    path("events/registration/<str:token>/cancel/", views.cancel_registration, name="cancel"),
    path(
        "events/registration/<str:token>/certificate.pdf",
        certificate_views.download,
        name="certificate",
    ),
    # Where the registration form posts (the form itself is the event's
    # register/ page): the event by its id, without walking the page tree.
    path("events/<id:event_id>/register/", views.register_post, name="register"),
    path("events/check-in/<str:token>/", check_in.check_in, name="check_in"),
    path("events/<id:event_id>/check-in/", check_in.check_in_list, name="check_in_list"),
    path("events/institutions.json", views.institution_options, name="institution_options"),
    # Calendar files and feeds, namespace "calendar".
    path("", include("events.calendar.urls")),
    # Public verification of certificates of attendance, namespace "certificates".
    path("certificates/", include("events.certificates.urls")),
]
