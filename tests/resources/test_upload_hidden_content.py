"""Files that look harmless but carry a web page or script: PDFs with
JavaScript or HTML, archives hiding web pages or other archives, images with
a page appended. And what the document door sends back for each type."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.users.models import UserProfile

from demo.generators.files import make_pdf
from resources.uploads import PDF_CHUNK_BYTES, validate_document_upload

pytestmark = pytest.mark.django_db

Document = get_document_model()
ImageModel = get_image_model()
PAGE = b"<html><body><script>alert(document.cookie)</script></body></html>"


def upload_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {
            "title": "Uploaded",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        },
    )


def upload_image(client, name, content):
    return client.post(
        "/admin/images/add/",
        {
            "title": "Uploaded",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
            "alt_text": "",
            "credit": "",
        },
    )


def picture(image_format):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "teal").save(buffer, image_format)
    return buffer.getvalue()


def zip_with(*names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name in names:
            archive.writestr(name, b"x")
    return buffer.getvalue()


def pdf_with(extra):
    """A plain PDF with an extra object inserted before its trailer."""
    pdf = make_pdf("Guide", ["Text."])
    position = pdf.rfind(b"xref")
    return pdf[:position] + extra + b"\n" + pdf[position:]


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("polyglot.pdf", b"%PDF-1.4\n" + PAGE, "also contains a web page"),
        ("appended.pdf", make_pdf("x", ["y"]) + PAGE, "also contains a web page"),
        (
            "open-action.pdf",
            pdf_with(b"9 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj"),
            "(JavaScript)",
        ),
        ("escaped.pdf", pdf_with(b"9 0 obj << /S /J#61vaScript >> endobj"), "(JavaScript)"),
        ("js.pdf", pdf_with(b"9 0 obj << /S /JavaScript /J#53 (x) >> endobj"), "scripts, actions"),
        ("launch.pdf", pdf_with(b"9 0 obj << /S /Launch /F (calc.exe) >> endobj"), "(Launch)"),
        ("attached.pdf", pdf_with(b"9 0 obj << /Type /EmbeddedFile >> endobj"), "(EmbeddedFile)"),
        ("media.pdf", pdf_with(b"9 0 obj << /Subtype /RichMedia >> endobj"), "(RichMedia)"),
        ("form.pdf", pdf_with(b"9 0 obj << /XFA 10 0 R >> endobj"), "(XFA)"),
        (
            "late.pdf",
            pdf_with(b"%" + b"x" * (3 * 1024 * 1024) + b"\n9 0 obj << /JS (x) >> endobj"),
            "(JS)",
        ),
        ("page.docx", zip_with("word/page.xhtml"), "word/page.xhtml"),
        ("bundle.zip", zip_with("site/index.xht"), "site/index.xht"),
        ("bundle.zip", zip_with("saved.mht"), "saved.mht"),
        ("bundle.zip", zip_with("saved.MHTML"), "saved.MHTML"),
        ("bundle.zip", zip_with("inner.zip"), "another archive (inner.zip)"),
        ("bundle.zip", zip_with("inner.7z"), "another archive (inner.7z)"),
        ("bundle.zip", zip_with("inner.rar"), "another archive (inner.rar)"),
        ("bundle.zip", zip_with("inner.tar"), "another archive (inner.tar)"),
        ("bundle.zip", zip_with("inner.tar.gz"), "another archive (inner.tar.gz)"),
    ],
)
def test_hidden_content_in_documents_is_refused(editor_client, name, content, message):
    response = upload_document(editor_client, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()


def test_messages_are_in_the_editors_language(client, editor):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "pl"
    profile.save()
    client.force_login(editor)
    response = upload_document(client, "polyglot.pdf", b"%PDF-1.4\n" + PAGE)
    assert "Ten plik PDF zawiera również stronę internetową" in response.content.decode()
    response = upload_image(client, "photo.png", picture("PNG") + PAGE)
    assert "Ten obraz zawiera również stronę internetową" in response.content.decode()


def test_a_plain_pdf_with_an_open_action_that_only_opens_a_page_is_accepted(editor_client):
    content = pdf_with(b"9 0 obj << /OpenAction [3 0 R /Fit] >> endobj")
    response = upload_document(editor_client, "view.pdf", content)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Document.objects.exists()


def test_a_zip_of_documents_is_accepted(editor_client):
    response = upload_document(editor_client, "bundle.zip", zip_with("notes.txt", "plan.pdf"))
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.png", picture("PNG") + PAGE),
        ("photo.jpg", picture("JPEG") + PAGE),
        ("photo.gif", picture("GIF") + PAGE),
        ("photo.png", picture("PNG") + b"\x00" * 4096 + b"<svg onload=alert(1)>"),
    ],
)
def test_images_with_a_web_page_appended_are_refused(editor_client, name, content):
    response = upload_image(editor_client, name, content)
    assert response.status_code == 200
    assert "This image also contains a web page or script" in response.content.decode()
    assert not ImageModel.objects.exists()


@pytest.mark.parametrize(
    ("name", "image_format"),
    [
        ("photo.png", "PNG"),
        ("photo.jpg", "JPEG"),
        ("photo.gif", "GIF"),
        ("photo.webp", "WEBP"),
        # Pillow's own AVIF support, not pillow-heif's (portal/lazy_modules.py).
        ("photo.avif", "AVIF"),
    ],
)
def test_plain_images_are_accepted(editor_client, name, image_format):
    response = upload_image(editor_client, name, picture(image_format))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ImageModel.objects.filter(title="Uploaded").exists()


# The start of an iPhone's HEIC photo: an ISO media "ftyp" box of brand heic.
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("photo.heic", "Not a supported image format"),
        ("photo.jpg", "The extension does not match the file format (heic)"),
    ],
)
def test_a_heic_photo_is_refused_with_a_clear_error(editor_client, name, message):
    # HEIC is not among the accepted formats, so the portal's processes do not
    # load pillow-heif; the editor is told the format is not supported.
    response = upload_image(editor_client, name, HEIC)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImageModel.objects.exists()


def test_multiple_image_uploader_refuses_too(editor_client):
    response = editor_client.post(
        "/admin/images/multiple/add/",
        {
            "files[]": SimpleUploadedFile("photo.png", picture("PNG") + PAGE),
            "collection": Collection.get_first_root_node().pk,
        },
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert "web page or script" in data["error_message"]
    assert not ImageModel.objects.exists()


@pytest.mark.parametrize(
    ("filename", "content", "inline"),
    [
        ("guide.pdf", make_pdf("Guide", ["Text."]), True),
        ("notes.txt", b"Plain notes", True),
        ("table.csv", b"a,b\n1,2\n", False),
        ("manual.docx", zip_with(), False),
        ("bundle.zip", zip_with(), False),
        ("song.mp3", b"ID3" + b"\x00" * 20, False),
        ("clip.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 20, False),
    ],
)
def test_only_pdf_and_plain_text_open_in_the_browser(client, filename, content, inline):
    document = Document.objects.create(
        title="Public",
        file=ContentFile(content, name=filename),
        collection=Collection.get_first_root_node(),
    )
    response = client.get(f"/documents/{document.pk}/{filename}")
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    if inline:
        assert disposition.startswith("inline")
    else:
        assert disposition.startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("split", [1, 5, 10])
def test_a_pdf_name_split_between_chunks_is_still_found(split):
    pdf = make_pdf("Guide", ["Text."])
    padding = b"%" + b"x" * (PDF_CHUNK_BYTES - len(pdf) - split - 2) + b"\n"
    content = pdf + padding + b"/JavaScript (x)"
    assert content[PDF_CHUNK_BYTES - split : PDF_CHUNK_BYTES + 1].startswith(b"/")
    with pytest.raises(ValidationError) as refused:
        validate_document_upload(SimpleUploadedFile("split.pdf", content))
    assert refused.value.code == "pdf_active_content"
