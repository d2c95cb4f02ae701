import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.urls import URLResolver, get_resolver
from django.utils import timezone
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from portal import exports

HOSTILE = [
    '=HYPERLINK("http://attacker.example/","x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


def read_csv(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff"), "Excel on Windows needs the byte order mark"
    return list(csv.reader(io.StringIO(body[1:])))


def read_xlsx(response):
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.worksheets[0]
    return sheet, [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("value", HOSTILE)
def test_formulas_never_reach_a_spreadsheet(value):
    rows = [[value, "Wójcik"]]
    csv_rows = read_csv(exports.csv_response("Attendees", ["Position", "Name"], rows))
    assert csv_rows[1] == ["'" + value, "Wójcik"]

    sheet, xlsx_rows = read_xlsx(exports.xlsx_response("Attendees", ["Position", "Name"], rows))
    # XLSX keeps line ends as "\n".
    assert xlsx_rows[1][0] == "'" + value.replace("\r", "\n")
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_numbers_stay_numbers_and_times_are_local_iso():
    moment = datetime.datetime(2026, 11, 30, 8, 14, 7, 843435, tzinfo=datetime.UTC)
    row = [-5, Decimal("2.5"), moment, datetime.date(2026, 12, 1), None, ["uk", "pl"]]
    assert [exports.spreadsheet_value(value) for value in row] == [
        -5,
        Decimal("2.5"),
        "2026-11-30T09:14:07+01:00",
        "2026-12-01",
        "",
        "uk; pl",
    ]


def test_control_characters_never_break_an_export():
    rows = [["Eve\x1b[31m", "a\x00b", "line\nbreak"]]
    _, xlsx_rows = read_xlsx(exports.xlsx_response("Attendees", ["a", "b", "c"], rows))
    assert xlsx_rows[1] == ["Eve[31m", "ab", "line\nbreak"]
    assert read_csv(exports.csv_response("Attendees", ["a", "b", "c"], rows))[1] == [
        "Eve[31m",
        "ab",
        "line\nbreak",
    ]


@time_machine.travel(datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC))
def test_files_are_named_after_what_they_hold_and_the_local_day():
    response = exports.csv_response("Registrations: Conference in Łódź", ["a"], [])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    # 23:30 UTC is already 1 December in Warsaw.
    assert timezone.localdate().isoformat() == "2026-12-01"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''registrations-conference-in-%C5%82%C3%B3d%C5%BA-2026-12-01.csv"
    )
    response = exports.xlsx_response("Survey: answers", ["a"], [], sheet_title="Answers/2026")
    assert "survey-answers-2026-12-01.xlsx" in response["Content-Disposition"]


PORTAL_PACKAGES = ("portal", "directory", "events", "resources")


def url_patterns(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns)
        else:
            yield pattern


def test_every_export_button_of_the_portal_writes_through_the_helper():
    """Wagtail's own export mixin leaves formulas in CSV files; every listing the
    portal gives a `list_export` (its own views and its viewsets) uses the safe one.
    Wagtail's built-in reports (site history, locked pages…) list editors' work
    and stay as Wagtail writes them."""
    exporting = {}
    for pattern in url_patterns(get_resolver().url_patterns):
        view_class = getattr(pattern.callback, "view_class", None)
        if view_class is None or not issubclass(view_class, SpreadsheetExportMixin):
            continue
        initkwargs = getattr(pattern.callback, "view_initkwargs", {})
        ours = view_class.__module__.split(".")[0] in PORTAL_PACKAGES
        if initkwargs.get("list_export") or (ours and view_class.list_export):
            exporting[pattern.name, view_class.__name__] = view_class
    assert ("registrations", "RegistrationListView") in exporting
    assert ("index", "SafeIndexView") in exporting
    unsafe = [
        name
        for name, view_class in exporting.items()
        if not issubclass(view_class, exports.SafeSpreadsheetExportMixin)
    ]
    assert unsafe == []
