"""Hostile uploads made up for the tests: PDFs that hide active content in
compressed object streams or behind #xx-escaped names, and a picture that is
also a web page."""

import base64
import binascii
import io
import zlib

from PIL import Image

from demo.generators.files import make_pdf

JS_ACTION = b"<< /S /JavaScript /JS (app.alert(1)) >>"


def object_stream(objects, filters=(b"/FlateDecode",), dictionary_extra=b""):
    """An object stream (/Type /ObjStm) holding `objects`, encoded with
    `filters` (applied in the order a reader undoes them)."""
    offsets = []
    body = b""
    for number, text in enumerate(objects, start=20):
        offsets.append(b"%d %d" % (number, len(body)))
        body += text + b"\n"
    heading = b" ".join(offsets) + b"\n"
    data = heading + body
    for name in reversed(filters):
        if name == b"/FlateDecode":
            data = zlib.compress(data)
        elif name == b"/ASCIIHexDecode":
            data = binascii.hexlify(data) + b">"
        elif name == b"/ASCII85Decode":
            data = base64.a85encode(data) + b"~>"
        else:
            data = data  # an encoding the check does not know: left as is
    filter_value = filters[0] if len(filters) == 1 else b"[" + b" ".join(filters) + b"]"
    return (
        b"19 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter %s /Length %d%s >>\nstream\n"
        % (len(objects), len(heading), filter_value, len(data), dictionary_extra)
        + data
        + b"\nendstream\nendobj\n"
    )


def pdf_with(extra):
    """A plain PDF with extra objects inserted before its trailer."""
    pdf = make_pdf("Guide", ["Text."])
    position = pdf.rfind(b"xref")
    return pdf[:position] + extra + b"\n" + pdf[position:]


def pdf_with_object_stream(*objects, **options):
    return pdf_with(object_stream(objects, **options))


HOSTILE_PDFS = {
    "compressed-javascript": pdf_with_object_stream(JS_ACTION),
    "compressed-open-action": pdf_with_object_stream(
        b"<< /Type /Catalog /OpenAction 21 0 R >>", b"<< /S /JS (x) /JS (app.alert(1)) >>"
    ),
    "compressed-escaped-name": pdf_with_object_stream(b"<< /S /J#61vaScript /J#53 (x) >>"),
    "compressed-launch": pdf_with_object_stream(b"<< /S /Launch /F (calc.exe) >>"),
    "compressed-embedded-file": pdf_with_object_stream(b"<< /EmbeddedFiles 22 0 R >>"),
    "compressed-rich-media": pdf_with_object_stream(b"<< /Subtype /RichMedia >>"),
    "compressed-xfa": pdf_with_object_stream(b"<< /Fields [] /XFA 23 0 R >>"),
    "hex-and-flate": pdf_with_object_stream(
        b"<< /S /JS >>", filters=(b"/ASCIIHexDecode", b"/FlateDecode")
    ),
    "ascii85": pdf_with_object_stream(b"<< /XFA 5 0 R >>", filters=(b"/ASCII85Decode",)),
    "escaped-in-plain-object": pdf_with(
        b"9 0 obj << /OpenAction << /S /J#61va#53cript >> >> endobj"
    ),
    "disguised-object-stream": pdf_with(
        object_stream([b"<< /JS (x) >>"]).replace(b"/Type /ObjStm", b"/Type /XObject")
    ),
}

# Object streams this check cannot open are refused rather than waved through.
UNCHECKABLE_PDFS = {
    "lzw-object-stream": pdf_with_object_stream(b"<< /JS (x) >>", filters=(b"/LZWDecode",)),
    "corrupt-object-stream": pdf_with(
        object_stream([b"<< /JS (x) >>"]).replace(b"stream\nx\x9c", b"stream\nx\x9c\xff\xff")
    ),
    "predictor-object-stream": pdf_with_object_stream(
        b"<< /JS (x) >>", dictionary_extra=b" /DecodeParms << /Predictor 12 /Columns 5 >>"
    ),
}

# Harmless PDFs that must pass: compressed object streams without active
# content, and a compressed content stream whose bytes hold "/JS " by chance.
SAFE_PDFS = {
    "plain": make_pdf("Guide", ["Text."]),
    "object-stream": pdf_with_object_stream(
        b"<< /Type /Annot /Subtype /Link /A << /S /URI /URI (https://example.org/) >> >>",
        b"<< /OpenAction [3 0 R /Fit] /JSON (not a script) >>",
    ),
    "binary-stream": pdf_with(
        b"30 0 obj\n<< /Length 12 /Filter /DCTDecode >>\nstream\n\xff\xd8/JS \x00/XFA\n\xff\xd9"
        b"\nendstream\nendobj\n"
    ),
}


def picture_with_page():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "teal").save(buffer, "PNG")
    return buffer.getvalue() + b"<html><script>alert(1)</script></html>"


def picture():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "teal").save(buffer, "PNG")
    return buffer.getvalue()
