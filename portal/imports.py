"""Every CSV file uploaded to the portal is read here.

Organisers and moderators prepare their lists in Excel or LibreOffice. On a
Polish Windows these save CSV in Windows-1250 with semicolons; elsewhere in
UTF-8, with or without a byte order mark, with commas or tabs. So a file is
decoded as UTF-8 first and Windows-1250 second, its delimiter is guessed from
its first lines, control characters are dropped, and every row keeps the number
a spreadsheet program shows beside it, for the error messages.

A file the portal exported can come back edited: the apostrophe that
`portal.exports` puts before a value starting with ``+``, ``=`` and the like
(a phone number "+48 …") is taken off again.
"""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from portal.exports import FORMULA_PREFIXES, clean_text

ENCODINGS = ("utf-8-sig", "cp1250")
DELIMITERS = ",;\t"
SNIFF_SAMPLE = 4096


class UnreadableFile(Exception):
    """The upload is not a CSV table; `line` is where (0: the file as a whole)."""

    def __init__(self, message, line=0):
        super().__init__(message)
        self.message = message
        self.line = line


def cell_value(text):
    """A value as typed, without spaces around it or the export's apostrophe."""
    text = text.strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


@dataclass(frozen=True)
class Row:
    line: int
    values: list

    @property
    def is_blank(self):
        return not any(self.values)


@dataclass(frozen=True)
class Table:
    header: list
    rows: list


def read_upload(uploaded, max_bytes):
    """An uploaded file's bytes, refusing it when larger than `max_bytes`."""
    data = uploaded.read(max_bytes + 1)
    check_size(data, max_bytes)
    return data


def check_size(data, max_bytes):
    if len(data) > max_bytes:
        raise UnreadableFile(
            _("The file is too large (at most %(megabytes)s MB).")
            % {"megabytes": max_bytes // (1024 * 1024)}
        )


def decode(data):
    # A NUL byte means a binary file (or UTF-16), which Windows-1250 would
    # otherwise accept as text.
    if b"\x00" not in data:
        for encoding in ENCODINGS:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise UnreadableFile(_("The file is not a text CSV file (UTF-8 or Windows-1250)."))


def sniff_dialect(text):
    sample = text[:SNIFF_SAMPLE]
    if len(text) > SNIFF_SAMPLE and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # a cut line would mislead the guess
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
    except csv.Error:
        return csv.excel


def read_table(data, *, max_bytes=None):
    """The header and the rows of an uploaded CSV file's bytes.

    Values are stripped of surrounding spaces and of control characters. Rows
    are numbered as a spreadsheet program numbers them, the header being 1: a
    value with a line break stays on its row, and blank rows count.
    """
    if max_bytes is not None:
        check_size(data, max_bytes)
    if not data.strip():
        raise UnreadableFile(_("The file is empty."))
    text = clean_text(decode(data))
    reader = csv.reader(io.StringIO(text, newline=""), sniff_dialect(text))
    try:
        header = [name.strip() for name in next(reader, [])]
        rows = [
            Row(line, [cell_value(value) for value in values])
            for line, values in enumerate(reader, start=2)
        ]
    except csv.Error as error:
        raise UnreadableFile(
            _("The file is not valid CSV: %(error)s") % {"error": error}, line=reader.line_num
        ) from error
    if not any(header):
        raise UnreadableFile(_("The file has no header line."), line=1)
    return Table(header=header, rows=rows)
