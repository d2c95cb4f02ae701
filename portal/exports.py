"""Every CSV and XLSX file the portal hands out is written here.

Spreadsheets are opened by organisers and moderators in Excel or LibreOffice,
and their cells hold what strangers typed (a registrant's position, a survey
answer, an institution's name). So every cell goes through `spreadsheet_value`:

- text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
  prefixed with an apostrophe, so that no spreadsheet program runs it as a
  formula (OWASP's advice for CSV injection);
- control characters that XML 1.0 (and so XLSX) cannot hold are dropped, so
  stored data can never make an export fail;
- times are written in ISO 8601 in the portal's time zone, to the second.

CSV files start with a UTF-8 byte order mark, which Excel on Windows needs to
read Polish and Ukrainian letters, and are served as ``text/csv; charset=utf-8``.
File names say what the file holds and the day it was made.
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BYTE_ORDER_MARK = "\ufeff"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Characters XML 1.0 forbids (openpyxl refuses them); tab, newline and carriage
# return are allowed inside a cell.
_ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(value):
    """The text without the control characters no spreadsheet can hold."""
    return _ILLEGAL_CHARACTERS.sub("", value)


def spreadsheet_value(value):
    """One cell's value, safe to open in a spreadsheet program."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        value = "; ".join(force_str(item) for item in value)
    text = clean_text(force_str(value))
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def export_stem(subject, day=None):
    """What the file holds and when it was made, e.g.
    ``registrations-national-conference-2026-11-30``."""
    day = day or timezone.localdate()
    stem = slugify(force_str(subject), allow_unicode=True) or "export"
    return f"{stem[:80]}-{day.isoformat()}"


def export_filename(subject, extension, day=None):
    return f"{export_stem(subject, day)}.{extension}"


class _Echo:
    """A file-like object whose write returns the line, for streaming."""

    def write(self, value):
        return value


def csv_lines(headings, rows: Iterable[Iterable]):
    """The file line by line: the byte order mark, the headings, the rows."""
    writer = csv.writer(_Echo())
    yield BYTE_ORDER_MARK
    yield writer.writerow([spreadsheet_value(heading) for heading in headings])
    for row in rows:
        yield writer.writerow([spreadsheet_value(value) for value in row])


def csv_response(subject, headings, rows):
    """A streamed CSV download; `rows` may be a generator over a large queryset."""
    response = StreamingHttpResponse(csv_lines(headings, rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        True, export_filename(subject, "csv")
    )
    return response


def xlsx_bytes(headings, rows, sheet_title="Sheet1"):
    from openpyxl import Workbook  # noqa: PLC0415 - heavy; loaded on first use so web workers stay small (README, Performance)

    workbook = Workbook(write_only=True)
    # Excel limits sheet titles to 31 characters and forbids some punctuation.
    title = re.sub(r"[\\/*?:\[\]]", " ", force_str(sheet_title))[:31] or "Sheet1"
    sheet = workbook.create_sheet(title)
    sheet.append([spreadsheet_value(heading) for heading in headings])
    for row in rows:
        sheet.append([spreadsheet_value(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(subject, headings, rows, sheet_title=None):
    data = xlsx_bytes(headings, rows, sheet_title or subject)
    return FileResponse(
        io.BytesIO(data),
        as_attachment=True,
        content_type=XLSX_CONTENT_TYPE,
        filename=export_filename(subject, "xlsx"),
    )


def spreadsheet_response(export_format, subject, headings, rows, sheet_title=None):
    if export_format == "xlsx":
        return xlsx_response(subject, headings, rows, sheet_title)
    return csv_response(subject, headings, rows)


class SafeSpreadsheetExportMixin(SpreadsheetExportMixin):
    """Wagtail's export buttons on admin listings, writing through the rules
    above (Wagtail's own mixin leaves formulas in CSV, lets a control character
    break the XLSX, writes no byte order mark and names every file
    ``spreadsheet-export``).

    The file is named after `export_subject`, else the view's own
    `export_filename`, else its page title."""

    export_subject = None

    def get_export_subject(self):
        if self.export_subject:
            return self.export_subject
        if self.export_filename != SpreadsheetExportMixin.export_filename:
            return self.export_filename
        return self.get_page_title()

    def get_filename(self):
        return export_stem(self.get_export_subject())

    def get_preprocess_function(self, field, value, export_format):
        # Only a view's own per-field functions; every value then goes through
        # spreadsheet_value, which also writes times as local ISO text.
        return self.custom_field_preprocess.get(field, {}).get(export_format)

    def export_rows(self, queryset, export_format):
        for item in queryset:
            yield [
                self.preprocess_field_value(field, value, export_format)
                for field, value in self.to_row_dict(item).items()
            ]

    def as_spreadsheet(self, queryset, spreadsheet_format):
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        return spreadsheet_response(
            spreadsheet_format,
            self.get_export_subject(),
            headings,
            self.export_rows(queryset, spreadsheet_format),
        )


class SafeIndexView(SafeSpreadsheetExportMixin, IndexView):
    """The listing of a Wagtail viewset whose `list_export` offers downloads."""
