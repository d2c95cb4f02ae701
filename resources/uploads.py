"""What an uploaded document really is, judged by its first bytes.

Wagtail already checks the extension against WAGTAILDOCS_EXTENSIONS and the
size against WAGTAILDOCS_MAX_UPLOAD_SIZE. An extension is only a name, so this
also refuses executables and web content (HTML, SVG, scripts) whatever they are
called, and files whose content does not match their extension. PDFs are read
whole for scripts and embedded files, since a browser opens them inline, and
images are checked for a web page hidden after the picture.
"""

import base64
import binascii
import os
import re
import zipfile
import zlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SNIFF_BYTES = 8192
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
EXECUTABLE_MAGIC = (
    b"MZ",  # Windows executables and libraries
    b"\x7fELF",  # Linux executables
    b"\xcf\xfa\xed\xfe",  # Mach-O
    b"\xce\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal, Java classes
    b"#!",  # shell and other scripts
)
WEB_CONTENT_MARKERS = (
    b"<!doctype html",
    b"<html",
    b"<svg",
    b"<script",
    b"<?xml",
    b"<body",
    b"<iframe",
)
# Markup a browser would run, looked for inside images; "<?xml" is left out
# because ordinary photo and PDF metadata (XMP) contains it.
ACTIVE_MARKUP = re.compile(
    rb"<!doctype\s+html|<(?:html|head|body|script|iframe|svg|object|embed)[\s>/]|javascript:",
    re.IGNORECASE,
)
# The same for a whole PDF, whose compressed streams are random bytes: short
# tags such as "<svg" would turn up by chance in large files, so only the
# longer ones that make a web page are looked for.
PDF_WEB_MARKUP = re.compile(
    rb"<!doctype\s+html|<(?:html|body|script|iframe)[\s>/]|javascript:",
    re.IGNORECASE,
)
PDF_CHUNK_BYTES = 1024 * 1024
# Beyond this the upload size limit has already refused the file.
PDF_SCAN_LIMIT = 200 * 1024 * 1024
# PDF names are case-sensitive and may spell letters as #xx escapes.
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# An /OpenAction that runs a script names /JS or /JavaScript, so those catch it;
# an /OpenAction that only opens a page is harmless.
PDF_ACTIVE_NAMES = re.compile(
    rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)(?![A-Za-z0-9#])"
)
# Inside the raw bytes of a stream (compressed pictures, fonts: random bytes)
# a three-letter name such as /JS turns up by chance every few megabytes, so
# there only the long names are looked for; the short ones are looked for in
# the objects themselves and in decoded object streams.
PDF_LONG_ACTIVE_NAMES = re.compile(
    rb"/(JavaScript|Launch|EmbeddedFiles?|RichMedia)(?![A-Za-z0-9#])"
)
PDF_STREAM_START = re.compile(rb"(?<!end)stream[ \t]*(?:\r\n|\n|\r)")
PDF_STREAM_END = b"endstream"
PDF_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm(?![A-Za-z0-9#])")
PDF_FILTERS = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
PDF_OBJECT_STREAM_HEADING = re.compile(rb"\s*\d+\s+\d+\s")
PDF_PREDICTOR = re.compile(rb"/Predictor\s+(\d+)")
# Decoded object streams together may not grow beyond this (a zip bomb).
PDF_DECODED_LIMIT = 64 * 1024 * 1024
IMAGE_EDGE_BYTES = 1024
DANGEROUS_MEMBER_EXTENSIONS = {
    ".exe",
    ".dll",
    ".bat",
    ".cmd",
    ".com",
    ".scr",
    ".msi",
    ".ps1",
    ".vbs",
    ".js",
    ".jar",
    ".sh",
    ".html",
    ".htm",
    ".xhtml",
    ".xht",
    ".mht",
    ".mhtml",
    ".svg",
    ".hta",
    ".lnk",
}
# An archive inside an archive would hide its members from this check.
NESTED_ARCHIVE_EXTENSIONS = {".zip", ".7z", ".rar", ".tar", ".gz"}
OFFICE_ZIP_PARTS = {
    "docx": "word/",
    "xlsx": "xl/",
    "pptx": "ppt/",
}
OPEN_DOCUMENT_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}


def _refuse(message, code):
    raise ValidationError(message, code=code)


def _looks_like_web_content(head):
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return any(marker in text[:SNIFF_BYTES] for marker in WEB_CONTENT_MARKERS)


def _check_zip(uploaded, extension):
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
            if extension in OPEN_DOCUMENT_MIMETYPES:
                mimetype = archive.read("mimetype") if "mimetype" in names else b""
                if mimetype.strip() != OPEN_DOCUMENT_MIMETYPES[extension]:
                    return False
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    finally:
        uploaded.seek(0)
    for name in names:
        member_extension = os.path.splitext(name.lower())[1]
        if member_extension in NESTED_ARCHIVE_EXTENSIONS:
            _refuse(
                _(
                    "This archive contains another archive (%(name)s), whose contents cannot "
                    "be checked. Unpack it into the main archive and upload that again."
                )
                % {"name": name},
                "nested_archive",
            )
        if member_extension in DANGEROUS_MEMBER_EXTENSIONS:
            _refuse(
                _(
                    "This archive contains a program or web page (%(name)s), which cannot be "
                    "shared here. Remove it and upload the archive again."
                )
                % {"name": name},
                "dangerous_archive",
            )
    part = OFFICE_ZIP_PARTS.get(extension)
    return part is None or any(name.startswith(part) for name in names)


def _pdf_chunks(uploaded):
    uploaded.seek(0)
    read = 0
    try:
        while read < PDF_SCAN_LIMIT:
            chunk = uploaded.read(PDF_CHUNK_BYTES)
            if not chunk:
                break
            read += len(chunk)
            yield chunk
    finally:
        uploaded.seek(0)


def _unescape_names(data):
    return PDF_NAME_ESCAPE.sub(lambda match: bytes([int(match.group(1), 16)]), data)


class UncheckablePdf(Exception):
    """A part of the PDF that this check cannot decode."""


def _inflate(data, budget):
    decompressor = zlib.decompressobj()
    try:
        decoded = decompressor.decompress(data, budget + 1)
    except zlib.error as error:
        raise UncheckablePdf from error
    if len(decoded) > budget:
        raise UncheckablePdf
    return decoded


def _ascii_hex(data):
    digits = re.sub(rb"\s", b"", data.split(b">", 1)[0])
    if len(digits) % 2:
        digits += b"0"
    try:
        return binascii.unhexlify(digits)
    except (binascii.Error, ValueError) as error:
        raise UncheckablePdf from error


def _ascii85(data):
    text = data.strip()
    text = text.removeprefix(b"<~").split(b"~>", 1)[0]
    try:
        return base64.a85decode(text)
    except ValueError as error:
        raise UncheckablePdf from error


def _run_length(data, budget):
    decoded = bytearray()
    position = 0
    while position < len(data):
        length = data[position]
        if length == 128:
            break
        if length < 128:
            decoded += data[position + 1 : position + 2 + length]
            position += length + 2
        else:
            decoded += data[position + 1 : position + 2] * (257 - length)
            position += 2
        if len(decoded) > budget:
            raise UncheckablePdf
    return bytes(decoded)


def _decode_stream(dictionary, data, budget):
    """The stream's bytes with its filters undone; UncheckablePdf for a
    filter or predictor this check does not know (real object streams use
    /FlateDecode)."""
    # The last /Filter before "stream" is the stream's own.
    found = PDF_FILTERS.findall(dictionary)
    filters = re.findall(rb"/([A-Za-z0-9]+)", found[-1]) if found else []
    predictor = PDF_PREDICTOR.search(dictionary)
    if predictor and int(predictor.group(1)) > 1:
        raise UncheckablePdf
    for name in filters:
        if name in (b"FlateDecode", b"Fl"):
            data = _inflate(data, budget)
        elif name in (b"ASCIIHexDecode", b"AHx"):
            data = _ascii_hex(data)
        elif name in (b"ASCII85Decode", b"A85"):
            data = _ascii85(data)
        elif name in (b"RunLengthDecode", b"RL"):
            data = _run_length(data, budget)
        else:
            raise UncheckablePdf
        if len(data) > budget:
            raise UncheckablePdf
    return data


def _looks_like_object_stream(dictionary, head):
    """Whether a stream holds objects: its dictionary says /Type /ObjStm, or
    (should the dictionary be disguised) it inflates to an object stream's
    heading, pairs of numbers."""
    if PDF_OBJECT_STREAM.search(dictionary):
        return True
    try:
        inflated = zlib.decompressobj().decompress(head, 64)
    except zlib.error:
        return False
    return bool(PDF_OBJECT_STREAM_HEADING.match(inflated))


def _pdf_parts(data):
    """The PDF cut into what lies outside streams (objects, dictionaries)
    and, for each object stream, its decoded content. A stream is taken to
    end at the first "endstream", never later than a reader would end it,
    and every "stream" keyword starts one, even one inside a string."""
    outside = []
    decoded = []
    budget = PDF_DECODED_LIMIT
    boundary = 0
    keyword_end = 0
    covered = 0
    end = -1
    for start in PDF_STREAM_START.finditer(data):
        # The same "endstream" serves every "stream" before it: looked up
        # again only once passed, so the cut stays linear in the file's size.
        if end < start.end():
            end = data.find(PDF_STREAM_END, start.end())
            if end < 0:
                end = len(data)
        # The stream's dictionary lies between the previous stream and it
        # (or the previous "stream" keyword, when this one is inside it).
        region_start = boundary if boundary <= start.start() else keyword_end
        dictionary = _unescape_names(data[region_start : start.start()])
        head = data[start.end() : min(end, start.end() + 4096)]
        if _looks_like_object_stream(dictionary, head):
            content = _decode_stream(dictionary, data[start.end() : end], budget)
            budget -= len(content)
            decoded.append(content)
        if start.start() > covered:
            outside.append(data[covered : start.end()])
        covered = max(covered, end)
        boundary = end
        keyword_end = start.end()
    outside.append(data[covered:])
    return outside, decoded


def _refuse_active(feature):
    _refuse(
        _(
            "This PDF contains scripts, actions, attached files or interactive "
            "forms (%(feature)s), which cannot be shared here. Print it to a new "
            "PDF and upload that instead."
        )
        % {"feature": feature.decode()},
        "pdf_active_content",
    )


def _check_pdf(uploaded):
    """Refuse a PDF that is also a web page, or that carries scripts,
    launch actions, embedded files or interactive forms, also inside
    compressed object streams and behind #xx-escaped names."""
    data = b"".join(_pdf_chunks(uploaded))
    if PDF_WEB_MARKUP.search(data, len(b"%PDF-")):
        _refuse(
            _(
                "This PDF also contains a web page or script, which could run in the "
                "reader's browser. Print it to a new PDF and upload that instead."
            ),
            "pdf_web_content",
        )
    found = PDF_LONG_ACTIVE_NAMES.search(_unescape_names(data))
    if found:
        _refuse_active(found.group(1))
    try:
        outside, decoded = _pdf_parts(data)
    except UncheckablePdf:
        _refuse(
            _(
                "This PDF has a compressed or encrypted part that cannot be checked for "
                "scripts. Print it to a new PDF (without password protection) and upload "
                "that instead."
            ),
            "pdf_uncheckable",
        )
    for part in (*outside, *decoded):
        found = PDF_ACTIVE_NAMES.search(_unescape_names(part))
        if found:
            _refuse_active(found.group(1))


def _image_end(data):
    """Where the picture itself ends, for PNG and JPEG; None if unknown."""
    if data.startswith(b"\x89PNG"):
        position = data.rfind(b"IEND")
        return None if position < 0 else position + len(b"IEND") + 4  # CRC
    if data.startswith(b"\xff\xd8"):
        position = data.rfind(b"\xff\xd9")
        return None if position < 0 else position + 2
    return None


def validate_image_upload(uploaded):
    """Refuse a PNG, JPEG or GIF that carries a web page or script, either
    after the end of the picture or at its start or end."""
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    end = _image_end(data)
    places = [data[:IMAGE_EDGE_BYTES], data[-IMAGE_EDGE_BYTES:]]
    if end is not None:
        places.append(data[end:])
    if any(ACTIVE_MARKUP.search(place) for place in places):
        _refuse(
            _(
                "This image also contains a web page or script. Open it in an image "
                "editor, save it again and upload the new file."
            ),
            "image_web_content",
        )


def _is_text(head):
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp1250"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


def _content_matches(uploaded, extension, head):
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in ("doc", "xls", "ppt"):
        return head.startswith(OLE2)
    if extension in ("docx", "xlsx", "pptx", "odt", "ods", "odp", "zip"):
        return head.startswith(ZIP_MAGIC) and _check_zip(uploaded, extension)
    if extension == "rtf":
        return head.startswith(b"{\\rtf")
    if extension in ("txt", "csv"):
        return _is_text(head)
    if extension == "mp4":
        return head[4:8] == b"ftyp"
    if extension == "webm":
        return head.startswith(b"\x1a\x45\xdf\xa3")
    if extension == "mp3":
        return head.startswith(b"ID3") or (
            len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0
        )
    # Any other extension allowed by settings: no known signature to compare.
    return True


def validate_document_upload(uploaded):
    """Raise ValidationError with a message for the uploader when the file
    must not be shared."""
    extension = os.path.splitext(uploaded.name or "")[1].lower().lstrip(".")
    uploaded.seek(0)
    head = uploaded.read(SNIFF_BYTES)
    uploaded.seek(0)
    if not head:
        _refuse(_("This file is empty."), "empty")
    if head.startswith(EXECUTABLE_MAGIC):
        _refuse(
            _("This file is a program or script. Programs cannot be shared on the portal."),
            "executable",
        )
    if extension not in (
        "pdf",
        "docx",
        "xlsx",
        "pptx",
        "odt",
        "ods",
        "odp",
        "zip",
        "mp4",
        "webm",
        "mp3",
        "doc",
        "xls",
        "ppt",
    ) and _looks_like_web_content(head):
        _refuse(
            _(
                "This file contains a web page or SVG image, which could run scripts in "
                "the reader's browser. Save it as PDF and upload that instead."
            ),
            "web_content",
        )
    if not _content_matches(uploaded, extension, head):
        _refuse(
            _(
                "The content of this file does not match its “.%(extension)s” extension. "
                "Upload the original file, or save it as PDF."
            )
            % {"extension": extension},
            "content_mismatch",
        )
    if extension == "pdf":
        _check_pdf(uploaded)
