from django.urls import include, path, re_path

from directory import views
from directory.help import views as help_views

app_name = "directory"

urlpatterns = [
    path("directory/", views.institution_list, name="index"),
    # "Get help now": English and Polish by the site's prefix, Ukrainian and
    # Russian as languages of this page only.
    path("help/", help_views.help_page, name="help"),
    re_path(r"^help/(?P<language>uk|ru)/$", help_views.help_page, name="help_in"),
    # CSV, HSDS and vCard exports, in this namespace.
    path("", include("directory.exchange.urls")),
    path("directory/membership/", views.request_membership, name="request_membership"),
    path("directory/contacts/<id:pk>/", views.contact_detail, name="contact"),
    path("directory/<slug:slug>/report/", views.report_outdated, name="report_outdated"),
    path("directory/<slug:slug>/", views.institution_detail, name="institution"),
]
