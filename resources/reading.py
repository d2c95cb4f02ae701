"""Materials worth reading: a text file shown as a page, in its own language,
instead of a download a phone may not open."""

from django.http import Http404
from django.template.response import TemplateResponse

from resources.privacy import refuse_members_only_document

# Enough for any leaflet or guide kept as text; a bigger file stays a download.
MAX_READABLE_BYTES = 1024 * 1024


def paragraphs(text):
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def reading_view(request, page, file_id):
    # Every file of the material at once: the page lists the other versions.
    files = list(
        page.files.select_related("document", "document__collection", "language").order_by(
            "sort_order"
        )
    )
    material_file = next((f for f in files if f.pk == file_id), None)
    if material_file is None or not material_file.is_readable:
        raise Http404
    refused = refuse_members_only_document(material_file.document, request)
    if refused is not None:
        return refused
    document = material_file.document
    try:
        with document.file.open("rb") as handle:
            raw = handle.read(MAX_READABLE_BYTES + 1)
    except OSError as error:
        raise Http404 from error
    if len(raw) > MAX_READABLE_BYTES:
        raise Http404
    text = raw.decode("utf-8-sig", errors="replace").replace("\x00", "")
    return TemplateResponse(
        request,
        "resources/material_read.html",
        {
            "page": page,
            "material_file": material_file,
            "language_code": material_file.language.code if material_file.language else "",
            "paragraphs": paragraphs(text),
            "other_files": [f for f in files if f.pk != material_file.pk],
        },
    )
