"""Active content hidden in compressed object streams, behind filters and in
#xx-escaped names is found and refused with a clear message (issue #19)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from resources.uploads import validate_document_upload
from tests.resources.hostile_files import (
    HOSTILE_PDFS,
    SAFE_PDFS,
    UNCHECKABLE_PDFS,
    pdf_with_object_stream,
)

Document = get_document_model()


def check(content):
    validate_document_upload(SimpleUploadedFile("file.pdf", content))


@pytest.mark.parametrize("name", sorted(HOSTILE_PDFS))
def test_hidden_active_content_is_refused(name):
    with pytest.raises(ValidationError) as refused:
        check(HOSTILE_PDFS[name])
    assert refused.value.code == "pdf_active_content"


@pytest.mark.parametrize("name", sorted(UNCHECKABLE_PDFS))
def test_object_streams_that_cannot_be_read_are_refused(name):
    with pytest.raises(ValidationError) as refused:
        check(UNCHECKABLE_PDFS[name])
    assert refused.value.code == "pdf_uncheckable"


@pytest.mark.parametrize("name", sorted(SAFE_PDFS))
def test_harmless_pdfs_with_compressed_parts_pass(name):
    check(SAFE_PDFS[name])


def test_a_decompression_bomb_is_refused_not_unpacked(monkeypatch):
    monkeypatch.setattr("resources.uploads.PDF_DECODED_LIMIT", 1000)
    with pytest.raises(ValidationError) as refused:
        check(pdf_with_object_stream(b"<< /Title (" + b" " * 5000 + b") >>"))
    assert refused.value.code == "pdf_uncheckable"


@pytest.mark.django_db
def test_the_upload_form_says_why(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Uploaded",
            "file": SimpleUploadedFile("guide.pdf", HOSTILE_PDFS["compressed-javascript"]),
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        },
    )
    assert response.status_code == 200
    assert "contains scripts, actions, attached files or interactive forms (JavaScript)" in (
        response.content.decode()
    )
    assert not Document.objects.exists()
