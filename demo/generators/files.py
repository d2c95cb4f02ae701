"""Small real files for the demo library, generated at seed time: a text PDF
written by hand (the PDF core font Helvetica with Polish letters mapped in)
and plain text. No extra dependency, a few kilobytes each."""

import textwrap

# Polish letters outside Windows-1252, mapped onto free codes with a
# /Differences encoding; the core-14 Helvetica has all these glyphs.
POLISH_GLYPHS = {
    "ą": "aogonek",
    "ć": "cacute",
    "ę": "eogonek",
    "ł": "lslash",
    "ń": "nacute",
    "ś": "sacute",
    "ź": "zacute",
    "ż": "zdotaccent",
    "Ą": "Aogonek",
    "Ć": "Cacute",
    "Ę": "Eogonek",
    "Ł": "Lslash",
    "Ń": "Nacute",
    "Ś": "Sacute",
    "Ź": "Zacute",
    "Ż": "Zdotaccent",
}
POLISH_CODES = {char: 0x80 + number for number, char in enumerate(POLISH_GLYPHS)}


def _encode(text):
    out = bytearray()
    for char in text:
        if char in POLISH_CODES:
            out.append(POLISH_CODES[char])
            continue
        try:
            encoded = char.encode("cp1252")
        except UnicodeEncodeError:
            encoded = b"?"
        if encoded[0] in range(0x80, 0x90):
            encoded = b"?"
        if encoded in (b"(", b")", b"\\"):
            encoded = b"\\" + encoded
        out += encoded
    return bytes(out)


def make_pdf(title, paragraphs):
    """A valid, text-searchable PDF of A4 pages."""
    lines = [(title, 16)]
    lines.append(("", 11))
    for paragraph in paragraphs:
        for line in textwrap.wrap(paragraph, 88) or [""]:
            lines.append((line, 11))
        lines.append(("", 11))
    per_page = 48
    chunks = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    differences = " ".join(f"/{name}" for name in POLISH_GLYPHS.values())
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        None,  # pages, filled in below
        (
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding "
            f"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [128 {differences}] >> >>"
        ).encode(),
    ]
    page_ids = []
    for chunk in chunks:
        stream = bytearray(b"BT\n/F1 11 Tf\n56 790 Td\n")
        for text, size in chunk:
            stream += b"/F1 %d Tf\n(" % size + _encode(text) + b") Tj\n0 -16 Td\n"
        stream += b"ET\n"
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + bytes(stream) + b"endstream")
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content_id
        )
        page_ids.append(len(objects))
    kids = " ".join(f"{number} 0 R" for number in page_ids)
    objects[1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()
    info_title = _encode(title)
    objects.append(b"<< /Title (" + info_title + b") /Producer (Cooperation Portal demo) >>")
    info_id = len(objects)

    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        output += b"%010d 00000 n \n" % offset
    output += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        info_id,
        xref,
    )
    return bytes(output)


def make_text(title, paragraphs):
    body = "\n\n".join(textwrap.fill(p, 78) for p in paragraphs)
    return f"{title}\n{'=' * len(title)}\n\n{body}\n".encode()
