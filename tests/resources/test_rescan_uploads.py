"""`rescan_uploads` finds stored files that today's upload rules would refuse
(uploaded before a rule existed) and can move them out of reach (issue #19)."""

from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from resources.management.commands.rescan_uploads import QUARANTINE_COLLECTION_NAME
from tests.resources.hostile_files import HOSTILE_PDFS, SAFE_PDFS, picture, picture_with_page

pytestmark = pytest.mark.django_db

Document = get_document_model()
ImageModel = get_image_model()


@pytest.fixture
def stored(db):
    root = Collection.get_first_root_node()

    def document(title, name, content):
        return Document.objects.create(
            title=title, file=ContentFile(content, name=name), collection=root
        )

    good = document("Guide", "guide.pdf", SAFE_PDFS["object-stream"])
    bad = document("Hidden script", "hidden.pdf", HOSTILE_PDFS["compressed-javascript"])
    page = document("Notes", "notes.txt", b"<html><script>alert(1)</script></html>")
    photo = ImageModel.objects.create(
        title="Photo", file=ContentFile(picture(), name="photo.png"), collection=root
    )
    trap = ImageModel.objects.create(
        title="Trap", file=ContentFile(picture_with_page(), name="trap.png"), collection=root
    )
    return {"good": good, "bad": bad, "page": page, "photo": photo, "trap": trap}


def rescan(*args):
    out = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("rescan_uploads", *args, stdout=out)
    assert failed.value.returncode == 1
    return out.getvalue(), str(failed.value)


def test_report_names_each_offender_and_changes_nothing(stored):
    report, summary = rescan()
    assert f"document {stored['bad'].pk} “Hidden script”" in report
    assert "(JavaScript)" in report
    assert f"document {stored['page'].pk} “Notes”" in report
    assert f"image {stored['trap'].pk} “Trap”" in report
    assert "“Guide”" not in report
    assert "“Photo”" not in report
    assert summary == "Checked 5 file(s); 3 would be refused today."
    assert not Collection.objects.filter(name=QUARANTINE_COLLECTION_NAME).exists()


def test_quarantine_moves_offenders_where_only_administrators_can_download(
    stored, client, editor, superuser
):
    report, _summary = rescan("--quarantine")
    assert "Moved 3 file(s)" in report
    quarantine = Collection.objects.get(name=QUARANTINE_COLLECTION_NAME)
    bad = Document.objects.get(pk=stored["bad"].pk)
    assert bad.collection == quarantine
    assert ImageModel.objects.get(pk=stored["trap"].pk).collection == quarantine
    assert Document.objects.get(pk=stored["good"].pk).collection != quarantine

    assert client.get(bad.url).status_code in (302, 403)
    client.force_login(editor)
    assert client.get(bad.url).status_code in (302, 403)
    client.force_login(superuser)
    assert client.get(bad.url).status_code == 200
    good = Document.objects.get(pk=stored["good"].pk)
    client.logout()
    assert client.get(good.url).status_code == 200


def test_a_clean_library_passes(stored):
    for key in ("bad", "page", "trap"):
        stored[key].delete()
    out = StringIO()
    call_command("rescan_uploads", stdout=out)
    assert "Checked 2 file(s); 0 would be refused today." in out.getvalue()


def test_a_missing_file_is_reported_not_a_crash(stored):
    stored["good"].file.storage.delete(stored["good"].file.name)
    report, _summary = rescan()
    assert "“Guide”" in report
    assert "cannot be read" in report
