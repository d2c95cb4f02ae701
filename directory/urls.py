from django.urls import include, path

from directory import views

app_name = "directory"

urlpatterns = [
    path("directory/", views.institution_list, name="index"),
    # CSV, HSDS and vCard exports, in this namespace.
    path("", include("directory.exchange.urls")),
    path("directory/membership/", views.request_membership, name="request_membership"),
    path("directory/contacts/<id:pk>/", views.contact_detail, name="contact"),
    path("directory/<slug:slug>/report/", views.report_outdated, name="report_outdated"),
    path("directory/<slug:slug>/", views.institution_detail, name="institution"),
]
