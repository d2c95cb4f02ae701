from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("directory/", views.institution_list, name="index"),
    path("directory/export.csv", views.export_csv, name="export_csv"),
    path("directory/hsds.json", views.hsds_export, name="hsds"),
    path("directory/membership/", views.request_membership, name="request_membership"),
    path("directory/contacts/<int:pk>/", views.contact_detail, name="contact"),
    path("directory/contacts/<int:pk>.vcf", views.contact_vcard, name="contact_vcard"),
    path("directory/<slug:slug>.vcf", views.institution_vcard, name="institution_vcard"),
    path("directory/<slug:slug>/report/", views.report_outdated, name="report_outdated"),
    path("directory/<slug:slug>/", views.institution_detail, name="institution"),
]
