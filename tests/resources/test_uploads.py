import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from demo.generators.files import make_pdf

pytestmark = pytest.mark.django_db

Document = get_document_model()


def upload(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {
            "title": "Uploaded",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        },
    )


def docx_with(member_name="word/document.xml", content=b"<w:document/>"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member_name, content)
    return buffer.getvalue()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("guide.pdf", make_pdf("Guide", ["Text."])),
        ("notes.txt", "Zażółć gęślą jaźń – notatki.".encode()),
        ("manual.docx", docx_with()),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
    ],
)
def test_good_files_are_accepted(editor_client, name, content):
    response = upload(editor_client, name, content)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Document.objects.filter(title="Uploaded").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00", "not allowed"),
        ("report.pdf", b"MZ\x90\x00\x03" + b"\x00" * 50, "program or script"),
        ("run.txt", b"#!/bin/sh\nrm -rf /\n", "program or script"),
        ("page.txt", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "web page or SVG"),
        ("image.txt", b'<?xml version="1.0"?><svg onload="alert(1)"></svg>', "web page or SVG"),
        ("page.html", b"<html></html>", "not allowed"),
        ("drawing.svg", b"<svg></svg>", "not allowed"),
        ("fake.pdf", b"This is not a PDF at all", "does not match"),
        ("fake.docx", make_pdf("x", ["y"]), "does not match"),
        ("bundle.zip", docx_with("tools/run.exe", b"MZ"), "program or web page"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_unsafe_files_are_refused_with_a_clear_message(editor_client, name, content, message):
    response = upload(editor_client, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()


def test_size_limit_is_configurable(editor_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = upload(editor_client, "big.pdf", make_pdf("Big", ["x" * 80] * 200))
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not Document.objects.exists()


def test_multiple_uploader_refuses_too(editor_client):
    response = editor_client.post(
        "/admin/documents/multiple/add/",
        {
            "files[]": SimpleUploadedFile("page.txt", b"<html><script>alert(1)</script>"),
            "collection": Collection.get_first_root_node().pk,
        },
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert "web page or SVG" in data["error_message"]
    assert not Document.objects.exists()
