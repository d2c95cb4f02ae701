"""Reading the portal's CSV and XLSX downloads back as a spreadsheet program would."""

import csv
import io
from urllib.parse import unquote

import openpyxl


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response):
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeff"), "Excel on Windows needs the byte order mark"
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def csv_records(response):
    rows = csv_rows(response)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def xlsx_sheet(response):
    return openpyxl.load_workbook(io.BytesIO(body(response))).worksheets[0]


def sheet_rows(sheet):
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def formula_cells(sheet):
    return [cell.coordinate for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


def filename(response):
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;"), disposition
    if "filename*=utf-8''" in disposition:
        return unquote(disposition.split("filename*=utf-8''", 1)[1])
    return disposition.split('filename="', 1)[1].rstrip('"')
