"""The exports' routes, included from directory/urls.py in its "directory" namespace."""

from django.urls import path

from directory.exchange import tokens, views
from directory.exchange.hsds import views as hsds

HSDS = "directory/api/hsds/"

urlpatterns = [
    path("directory/export.csv", views.export_csv, name="export_csv"),
    path("directory/hsds.json", hsds.legacy_export, name="hsds"),
    path(HSDS, hsds.root, name="hsds_root"),
    path(f"{HSDS}organizations", hsds.organization_list, name="hsds_organizations"),
    path(
        f"{HSDS}organizations/<str:record_id>",
        hsds.organization_detail,
        name="hsds_organization",
    ),
    path(f"{HSDS}services", hsds.service_list, name="hsds_services"),
    path(f"{HSDS}services/<str:record_id>", hsds.service_detail, name="hsds_service"),
    path(f"{HSDS}openapi.json", hsds.openapi, name="hsds_openapi"),
    path(f"{HSDS}profile/", hsds.profile, name="hsds_profile"),
    path(f"{HSDS}profile/schema/<slug:name>.json", hsds.profile_schema, name="hsds_profile_schema"),
    path("directory/api/tokens/", tokens.create_token, name="api_token_create"),
    path("directory/api/tokens/<id:pk>/revoke/", tokens.revoke_token, name="api_token_revoke"),
    path("directory/contacts/<id:pk>.vcf", views.contact_vcard, name="contact_vcard"),
    path("directory/<slug:slug>.vcf", views.institution_vcard, name="institution_vcard"),
]
