import datetime

from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from directory import services
from directory.models import ContactPerson, OutdatedReport
from tests import downloads
from tests.directory.factories import ContactPersonFactory, InstitutionFactory
from tests.factories import UserFactory


def test_moderator_lists_and_exports_institutions(client, moderator):
    InstitutionFactory(name="Fresh Office")
    InstitutionFactory(
        name="Stale Office", last_verified_at=timezone.localdate() - datetime.timedelta(days=800)
    )
    client.force_login(moderator)
    response = client.get("/admin/directory_institution/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Stale Office" in body and "Needs verification" in body
    stale_only = client.get("/admin/directory_institution/?stale=true").content.decode()
    assert "Stale Office" in stale_only and "Fresh Office" not in stale_only
    csv_export = client.get("/admin/directory_institution/?export=csv")
    assert csv_export.status_code == 200
    assert "Stale Office" in b"".join(csv_export.streaming_content).decode()
    xlsx = client.get("/admin/directory_institution/?export=xlsx")
    assert xlsx.status_code == 200
    assert "spreadsheetml" in xlsx["Content-Type"]
    assert client.get("/admin/directory_institution/?q=Stale").status_code == 200


def test_admin_listing_exports_are_safe_to_open_in_a_spreadsheet(client, moderator):
    institution = InstitutionFactory(
        name="=cmd|' /C calc'!A0", city="Chełm\x1b[31m", last_verified_at=datetime.date(2026, 1, 31)
    )
    ContactPersonFactory(institution=institution, name="Eve\x1b[31m", position="@SUM(A1:A2)")
    client.force_login(moderator)
    today = timezone.localdate().isoformat()

    response = client.get("/admin/directory_institution/?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert downloads.filename(response) == f"institutions-{today}.csv"
    (row,) = downloads.csv_records(response)
    assert row["Name"] == "'=cmd|' /C calc'!A0"
    assert row["City"] == "Chełm[31m"
    assert row["Last verified"] == "2026-01-31"

    response = client.get("/admin/directory_contactperson/?export=xlsx")
    assert response.status_code == 200
    assert downloads.filename(response) == f"contact-people-{today}.xlsx"
    sheet = downloads.xlsx_sheet(response)
    assert downloads.formula_cells(sheet) == []
    headings, values = downloads.sheet_rows(sheet)
    row = dict(zip(headings, values, strict=True))
    assert row["Name"] == "Eve[31m"
    assert row["Position"] == "'@SUM(A1:A2)"


def test_institution_form_has_contact_people_inline(client, moderator):
    institution = InstitutionFactory(name="Inline Office")
    ContactPersonFactory(institution=institution, name="Inline Person")
    client.force_login(moderator)
    response = client.get(f"/admin/directory_institution/edit/{institution.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Inline Person" in body
    assert "contact_people-TOTAL_FORMS" in body


def test_other_viewsets_load(client, moderator):
    person = ContactPersonFactory()
    client.force_login(moderator)
    for url in (
        "/admin/directory_contactperson/",
        f"/admin/directory_contactperson/edit/{person.pk}/",
        "/admin/directory_contactperson/?export=csv",
        "/admin/directory_membership/",
        "/admin/directory_emaildomain/",
        "/admin/directory_outdatedreport/",
        "/admin/directory_import/",
    ):
        assert client.get(url).status_code == 200, url


def test_deleting_a_person_deactivates_and_keeps_history(db):
    person = ContactPersonFactory()
    person.delete()
    person.refresh_from_db()
    assert not person.is_active
    assert person.deactivated_at is not None
    assert ContactPerson.objects.filter(pk=person.pk).exists()
    person.is_active = True
    person.save()
    assert person.deactivated_at is None


def test_members_have_no_directory_admin(client, approved_member):
    client.force_login(approved_member)
    response = client.get("/admin/directory_institution/")
    assert response.status_code in {302, 403}


def test_editing_the_verified_date_records_the_verifier(client, moderator):
    institution = InstitutionFactory(name="Verify Me", last_verified_at=None)
    client.force_login(moderator)
    url = f"/admin/directory_institution/edit/{institution.pk}/"
    data = nested_form_data(
        {
            "name": "Verify Me",
            "name_pl": "",
            "short_name": "",
            "slug": institution.slug,
            "kind": "ngo",
            "country": "PL",
            "region": "mazowieckie",
            "city": "Warsaw",
            "street": "",
            "postal_code": "",
            "address_visibility": "public",
            "phone": "",
            "phone_visibility": "public",
            "email": "",
            "email_visibility": "public",
            "hotline": "",
            "hotline_visibility": "public",
            "website": "",
            "description": "",
            "description_pl": "",
            "last_verified_at": timezone.localdate().isoformat(),
            "contact_people": inline_formset([]),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    institution.refresh_from_db()
    assert institution.last_verified_at == timezone.localdate()
    assert institution.last_verified_by == moderator


def test_dashboard_shows_pending_requests_to_moderators(client, moderator):
    services.request_membership(UserFactory(), InstitutionFactory())
    institution = InstitutionFactory()
    OutdatedReport.objects.create(institution=institution, message="New phone number")
    OutdatedReport.objects.create(institution=institution, message="Old news", resolved=True)
    client.force_login(moderator)
    body = client.get("/admin/").content.decode()
    assert "1 membership request waiting" in body
    assert "1 outdated entry reported" in body
    assert "/admin/directory_membership/?status=requested" in body
    queue = client.get("/admin/directory_membership/?status=requested")
    assert queue.status_code == 200
