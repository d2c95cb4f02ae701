from django.core.files.uploadedfile import SimpleUploadedFile

from directory.exchange import importer
from directory.models import ContactPerson, Institution
from tests.directory.factories import InstitutionFactory

INSTITUTIONS_OK = (
    "slug,name,name_pl,short_name,kind,parent,country,region,city,phone,email,languages\n"
    "hq-test,Test Headquarters,Komenda Testowa,KT,border_guard,,PL,mazowieckie,Warsaw,"
    "+48 22 000 00 01,hq@example.org,pl en\n"
    "post-test,Test Post,Placówka Testowa,,border_guard,hq-test,PL,lubelskie,Terespol,,,pl uk\n"
)
INSTITUTIONS_BAD = (
    "slug,name,kind,parent,country,email,languages\n"
    "good-one,Good One,ngo,,PL,good@example.org,pl\n"
    "bad-kind,Bad Kind,spaceship,,PL,,pl\n"
    "bad-parent,Bad Parent,ngo,nowhere,PL,,pl\n"
    ",,ngo,,PL,,pl\n"
    "bad-email,Bad Email,ngo,,Poland,not-an-email,xx\n"
)


def upload(text, name="file.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_dry_run_lists_rows_and_saves_nothing(db):
    result = importer.import_csv(upload(INSTITUTIONS_OK), "institutions", dry_run=True)
    assert result.ok
    assert [(line, str(action)) for line, action, _name in result.rows] == [
        (2, "create"),
        (3, "create"),
    ]
    assert not Institution.objects.filter(slug__in=["hq-test", "post-test"]).exists()


def test_import_creates_hierarchy(db):
    result = importer.import_csv(upload(INSTITUTIONS_OK), "institutions", dry_run=False)
    assert result.imported
    post = Institution.objects.get(slug="post-test")
    assert post.parent.slug == "hq-test"
    assert set(post.languages.values_list("code", flat=True)) == {"pl", "uk"}
    # Importing again updates instead of duplicating.
    again = importer.import_csv(upload(INSTITUTIONS_OK), "institutions", dry_run=True)
    assert {str(action) for _line, action, _name in again.rows} == {"update"}


def test_bad_rows_are_reported_by_line_and_nothing_is_imported(db):
    result = importer.import_csv(upload(INSTITUTIONS_BAD), "institutions", dry_run=False)
    assert not result.imported
    lines = {line for line, _message in result.errors}
    assert lines == {3, 4, 5, 6}
    messages = " ".join(str(message) for _line, message in result.errors)
    assert "spaceship" in messages
    assert "nowhere" in messages
    assert "not-an-email" in messages
    assert "xx" in messages
    assert "name is required" in messages
    assert not Institution.objects.filter(slug="good-one").exists()


def test_bad_files_are_rejected_whole(db):
    result = importer.import_csv(upload("name,colour\nx,red\n"), "institutions")
    assert (1, "Missing column(s): kind") in [(line, str(m)) for line, m in result.errors]
    binary = SimpleUploadedFile("x.csv", b"\xff\xfe\x00garbage", content_type="text/csv")
    assert not importer.import_csv(binary, "institutions").ok
    assert not importer.import_csv(upload(""), "contacts").ok


def test_import_reads_what_excel_on_a_polish_windows_saves(client, moderator):
    text = "slug;name;kind;city\nkomenda-lodz;Komenda Łódź\x1b[31m;border_guard;'+Łódź\n"
    client.force_login(moderator)
    response = client.post(
        "/admin/directory_import/",
        {"kind": "institutions", "file": SimpleUploadedFile("x.csv", text.encode("cp1250"))},
    )
    assert response.status_code == 200
    institution = Institution.objects.get(slug="komenda-lodz")
    assert (institution.name, institution.city) == ("Komenda Łódź[31m", "+Łódź")


def test_contacts_import(db):
    institution = InstitutionFactory(slug="oip-lublin")
    text = (
        "institution,name,position,email,phone,languages,focal_point,visibility\n"
        "oip-lublin,Oksana Test,Inspector,oksana@example.org,+48 81 000 00 01,pl uk,yes,members\n"
        "oip-lublin,Piotr Test,Inspector,,,pl,no,public\n"
    )
    assert importer.import_csv(upload(text), "contacts", dry_run=False).imported
    person = ContactPerson.objects.get(email="oksana@example.org")
    assert person.is_focal_point and person.institution == institution
    bad = "institution,name,focal_point,visibility\nnowhere,X,maybe,secret\n"
    result = importer.import_csv(upload(bad), "contacts", dry_run=False)
    assert {line for line, _message in result.errors} == {2}
    assert len(result.errors) == 3


def test_admin_import_view(client, moderator):
    client.force_login(moderator)
    url = "/admin/directory_import/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"kind": "institutions", "file": upload(INSTITUTIONS_BAD), "dry_run": "on"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "problems — nothing was imported" in body
    assert "<td>5</td>" in body and "spaceship" in body
    response = client.post(url, {"kind": "institutions", "file": upload(INSTITUTIONS_OK)})
    assert response.status_code == 200
    assert Institution.objects.filter(slug="post-test").exists()


def test_members_cannot_import(client, approved_member):
    client.force_login(approved_member)
    response = client.post(
        "/admin/directory_import/", {"kind": "institutions", "file": upload(INSTITUTIONS_OK)}
    )
    assert response.status_code in {302, 403}
    assert not Institution.objects.filter(slug="hq-test").exists()


def test_values_longer_than_their_fields_are_reported_and_nothing_is_imported(db):
    institutions = importer.import_csv(
        upload(f"slug,name,kind,city\nlong-one,{'N' * 256},ngo,{'C' * 101}\n"),
        "institutions",
        dry_run=False,
    )
    assert not institutions.imported
    assert [str(message) for _line, message in institutions.errors] == [
        "name is longer than 255 characters.",
        "city is longer than 100 characters.",
    ]
    InstitutionFactory(slug="known")
    contacts = importer.import_csv(
        upload(f"institution,name,position\nknown,Anna Nowak,{'P' * 201}\n"),
        "contacts",
        dry_run=False,
    )
    assert not contacts.imported
    assert [(line, str(message)) for line, message in contacts.errors] == [
        (2, "position is longer than 200 characters.")
    ]
    assert not ContactPerson.objects.filter(name="Anna Nowak").exists()


def test_import_reads_addresses_field_by_field(db):
    text = (
        "slug,name,kind,country,region,city,street,postal_code\n"
        "po-moc-test,PoMOC,ngo,PL,śląskie,Katowice,ul. Warszawska 8,40-006\n"
    )
    assert importer.import_csv(upload(text), "institutions", dry_run=False).imported
    institution = Institution.objects.get(slug="po-moc-test")
    assert (institution.street, institution.postal_code, institution.city) == (
        "ul. Warszawska 8",
        "40-006",
        "Katowice",
    )
    # The name as the export writes it is stored as the filter's slug.
    assert institution.region == "slaskie"


def test_import_splits_an_old_one_column_address(db):
    text = (
        "slug,name,kind,city,postal_address\n"
        'sip-test,SIP,ngo,Warszawa,"al. 3 Maja 12 lok. 510, 00-391 Warszawa"\n'
    )
    assert importer.import_csv(upload(text), "institutions", dry_run=False).imported
    institution = Institution.objects.get(slug="sip-test")
    assert (institution.street, institution.postal_code) == ("al. 3 Maja 12 lok. 510", "00-391")


def test_import_rejects_a_polish_postcode_that_is_not_one(db):
    text = "slug,name,kind,country,postal_code\nbad-code,Bad Code,ngo,PL,00391\n"
    result = importer.import_csv(upload(text), "institutions", dry_run=False)
    assert not result.imported
    assert [(line, str(message)) for line, message in result.errors] == [
        (2, "postal_code must look like 00-391 for an address in Poland, not “00391”.")
    ]
