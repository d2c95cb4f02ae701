"""The exports' routes, included from directory/urls.py in its "directory" namespace."""

from django.urls import path

from directory.exchange import views

urlpatterns = [
    path("directory/export.csv", views.export_csv, name="export_csv"),
    path("directory/hsds.json", views.hsds_export, name="hsds"),
    path("directory/contacts/<id:pk>.vcf", views.contact_vcard, name="contact_vcard"),
    path("directory/<slug:slug>.vcf", views.institution_vcard, name="institution_vcard"),
]
