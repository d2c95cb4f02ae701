"""The PDFs organisers and attendees print: certificates of attendance, name
badges (A4 sheet, eight a page) and a sign-in sheet (A4). Drawn with fpdf2
and the DejaVu Sans font shipped beside this module (Polish, Ukrainian and
other letters need a Unicode font; nothing is fetched at run time)."""

from pathlib import Path

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from events import attendance
from events.emails import absolute_url
from events.templatetags.events_tags import event_when
from events.translations import in_language

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
DARK_BLUE = (11, 83, 148)


def new_document(orientation="portrait"):
    from fpdf import FPDF  # noqa: PLC0415 - heavy; loaded on first use so web workers stay small (README, Performance)

    pdf = FPDF(orientation=orientation, unit="mm", format="A4")
    pdf.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_font(FONT, size=11)
    pdf.set_auto_page_break(auto=False)
    pdf.set_creator("Cooperation Portal")
    return pdf


def organiser_names(event):
    return ", ".join(i.localized_name for i in event.organisers.all())


def local_dates(event):
    start = timezone.localtime(event.start, event.zone).date()
    end = timezone.localtime(event.end, event.zone).date()
    first = formats.date_format(start, "DATE_FORMAT")
    if start == end:
        return first
    return f"{first} – {formats.date_format(end, 'DATE_FORMAT')}"


def _certificate_page(pdf, certificate):
    registration = certificate.registration
    event = registration.event
    (page,) = in_language([event], translation.get_language())
    pdf.add_page()
    width = pdf.w - 40
    pdf.set_draw_color(*DARK_BLUE)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_xy(20, 40)
    pdf.set_text_color(*DARK_BLUE)
    pdf.set_font(FONT, "B", 26)
    pdf.multi_cell(width, 12, _("Certificate of attendance"), align="C", new_x="LEFT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(12)
    pdf.set_font(FONT, "", 13)
    pdf.multi_cell(width, 8, _("This is to certify that"), align="C", new_x="LEFT")
    pdf.ln(4)
    pdf.set_font(FONT, "B", 22)
    pdf.multi_cell(width, 11, registration.name, align="C", new_x="LEFT")
    if registration.institution_label:
        pdf.set_font(FONT, "", 12)
        pdf.multi_cell(width, 7, registration.institution_label, align="C", new_x="LEFT")
    pdf.ln(8)
    pdf.set_font(FONT, "", 13)
    pdf.multi_cell(width, 8, _("took part in the event"), align="C", new_x="LEFT")
    pdf.ln(2)
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(width, 9, page.title, align="C", new_x="LEFT")
    pdf.ln(6)
    pdf.set_font(FONT, "", 12)
    details = [
        (_("Type of event"), event.get_kind_display()),
        (_("Dates"), local_dates(event)),
        (
            _("Place"),
            _("online") if event.is_online and not event.place_label else event.place_label,
        ),
        (
            _("Duration"),
            _("%(hours)s hours")
            % {"hours": formats.number_format(attendance.certificate_hours(event), 1)},
        ),
        (_("Organiser"), organiser_names(event)),
    ]
    for label, value in details:
        if value:
            pdf.multi_cell(width, 7, f"{label}: {value}", align="C", new_x="LEFT")
    pdf.set_xy(20, pdf.h - 55)
    pdf.set_font(FONT, "", 10)
    pdf.multi_cell(
        width,
        6,
        _("Issued on %(date)s.")
        % {
            "date": formats.date_format(
                timezone.localtime(certificate.issued_at).date(), "DATE_FORMAT"
            )
        },
        align="C",
        new_x="LEFT",
    )
    pdf.set_font(FONT, "B", 11)
    pdf.multi_cell(
        width,
        6,
        _("Verification code: %(code)s") % {"code": certificate.display_code},
        align="C",
        new_x="LEFT",
    )
    pdf.set_font(FONT, "", 9)
    pdf.multi_cell(
        width,
        5,
        _("Check this certificate at %(url)s")
        % {"url": absolute_url(certificate.get_absolute_url())},
        align="C",
        new_x="LEFT",
    )


def certificates_pdf(certificates, language=None):
    """One page per certificate, each in its holder's language unless one is given."""
    pdf = new_document()
    for certificate in certificates:
        lang = language or certificate.registration.language or settings.LANGUAGE_CODE
        with translation.override(lang):
            _certificate_page(pdf, certificate)
    return bytes(pdf.output())


BADGE_COLUMNS, BADGE_ROWS = 2, 4  # 90 x 65 mm badges, eight on an A4 sheet
BADGE_W, BADGE_H = 90.0, 65.0


def badges_pdf(event, registrations):
    pdf = new_document()
    margin_x = (pdf.w - BADGE_COLUMNS * BADGE_W) / 2
    margin_y = (pdf.h - BADGE_ROWS * BADGE_H) / 2
    per_page = BADGE_COLUMNS * BADGE_ROWS
    title = event.title
    pdf.set_draw_color(170, 170, 170)
    pdf.set_line_width(0.2)
    for index, registration in enumerate(registrations):
        if index % per_page == 0:
            pdf.add_page()
        slot = index % per_page
        x = margin_x + (slot % BADGE_COLUMNS) * BADGE_W
        y = margin_y + (slot // BADGE_COLUMNS) * BADGE_H
        pdf.rect(x, y, BADGE_W, BADGE_H)  # cutting line
        pdf.set_fill_color(*DARK_BLUE)
        pdf.rect(x, y, BADGE_W, 12, style="F")
        pdf.set_text_color(255, 255, 255)
        pdf.set_font(FONT, "B", 9)
        pdf.set_xy(x + 4, y + 2)
        pdf.multi_cell(BADGE_W - 8, 4, title[:90], align="C", max_line_height=4, new_x="LEFT")
        pdf.set_text_color(0, 0, 0)
        pdf.set_xy(x + 4, y + 22)
        pdf.set_font(FONT, "B", 18 if len(registration.name) < 24 else 14)
        pdf.multi_cell(BADGE_W - 8, 9, registration.name, align="C", new_x="LEFT")
        pdf.set_font(FONT, "", 10)
        pdf.set_x(x + 4)
        pdf.multi_cell(
            BADGE_W - 8, 5, registration.institution_label[:120], align="C", new_x="LEFT"
        )
    if not registrations:
        pdf.add_page()
        pdf.multi_cell(0, 8, _("No confirmed attendees yet."))
    return bytes(pdf.output())


SHEET_ROWS_PER_PAGE = 22


def sign_in_sheet_pdf(event, registrations, day=None):
    """A4 list to sign at the door: number, name, institution, signature."""
    pdf = new_document()
    columns = [(_("No."), 12), (_("Name"), 58), (_("Institution"), 62), (_("Signature"), 48)]
    rows = list(registrations)
    pages = max(1, -(-len(rows) // SHEET_ROWS_PER_PAGE))
    for page_number in range(pages):
        pdf.add_page()
        pdf.set_xy(15, 15)
        pdf.set_font(FONT, "B", 14)
        pdf.multi_cell(180, 7, event.title)
        pdf.set_font(FONT, "", 10)
        when = formats.date_format(day, "DATE_FORMAT") if day else event_when(event)
        pdf.set_x(15)
        pdf.multi_cell(180, 6, f"{_('Sign-in sheet')} · {when} · {event.place_label}")
        pdf.ln(3)
        pdf.set_x(15)
        pdf.set_font(FONT, "B", 10)
        for label, width in columns:
            pdf.cell(width, 9, label, border=1)
        pdf.ln()
        pdf.set_font(FONT, "", 9)
        chunk = rows[page_number * SHEET_ROWS_PER_PAGE : (page_number + 1) * SHEET_ROWS_PER_PAGE]
        for offset, registration in enumerate(chunk):
            number = page_number * SHEET_ROWS_PER_PAGE + offset + 1
            pdf.set_x(15)
            values = [str(number), registration.name, registration.institution_label, ""]
            for (_label, width), value in zip(columns, values, strict=True):
                text = value
                while text and pdf.get_string_width(text) > width - 2:
                    text = text[:-1]
                pdf.cell(width, 10, text, border=1)
            pdf.ln()
        pdf.set_xy(15, pdf.h - 15)
        pdf.set_font(FONT, "", 8)
        pdf.cell(180, 5, f"{page_number + 1} / {pages}", align="R")
    return bytes(pdf.output())
