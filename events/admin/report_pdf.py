"""The funder report as a printable A4 PDF (fpdf2, with the DejaVu font the
certificates ship, so Polish names print)."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from events.admin import reports
from events.certificates.pdf import FONT, new_document

BAR = (11, 83, 148)


def _title(pdf, text, size=12):
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)


def report_pdf(report, series=None, filters=None):
    filters = filters or {}
    pdf = new_document()
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    _title(pdf, _("Training report for the funder"), 16)
    if series is not None:
        _title(pdf, series.localized_name, 12)
        if series.funder:
            pdf.cell(
                0,
                6,
                _("Funder: %(funder)s") % {"funder": series.funder},
                new_x="LMARGIN",
                new_y="NEXT",
            )
    period = [
        date_format(filters[key], "SHORT_DATE_FORMAT")
        for key in ("date_from", "date_to")
        if filters.get(key)
    ]
    if period:
        pdf.cell(
            0,
            6,
            _("Period: %(period)s") % {"period": " – ".join(period)},
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.cell(
        0,
        6,
        _("Made on %(date)s") % {"date": date_format(timezone.localdate(), "DATE_FORMAT")},
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)
    for section, label, value in reports.report_rows(report):
        if section != _("Summary"):
            continue
        pdf.cell(130, 7, str(label), border="B")
        pdf.cell(0, 7, str(value), border="B", align="R", new_x="LMARGIN", new_y="NEXT")
    for key, title in reports.BREAKDOWNS:
        rows = report[key]
        if not rows:
            continue
        pdf.ln(4)
        _title(pdf, str(title))
        for row in rows[:40]:
            y = pdf.get_y()
            pdf.cell(80, 6, str(row["label"])[:48])
            pdf.set_fill_color(*BAR)
            width = max(0.5, 80 * row["share"] / 100)
            pdf.rect(pdf.l_margin + 82, y + 1.5, width, 3, style="F")
            pdf.set_x(pdf.l_margin + 165)
            pdf.cell(0, 6, str(row["count"]), align="R", new_x="LMARGIN", new_y="NEXT")
    return pdf
