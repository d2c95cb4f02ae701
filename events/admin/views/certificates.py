"""Printables for the organisers of one event: every certificate of attendance
in one PDF, name badges and the sign-in sheet."""

from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from events import attendance
from events.admin.views.base import EventOrganiserMixin
from events.certificates import pdf
from events.certificates.services import issue_certificates
from events.certificates.views import pdf_response
from events.choices import RegistrationStatus
from portal.exports import export_stem
from portal.two_factor import TwoFactorRequiredMixin


class PrintablesView(
    TwoFactorRequiredMixin, EventOrganiserMixin, WagtailAdminTemplateMixin, TemplateView
):
    template_name = "events/admin/printables.html"
    header_icon = "doc-full"

    def get_page_title(self):
        return _("Certificates, badges and sign-in sheet")

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return self.event_breadcrumbs({"url": "", "label": _("Certificates")})

    def get_header_buttons(self):
        return self.event_buttons()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        days, rows = attendance.register_rows(self.event)
        options = attendance.options_for(self.event)
        context.update(
            {
                "event": self.event,
                "options": options,
                "days": days,
                "confirmed": len(rows),
                "qualifying": sum(
                    1
                    for registration, _marks in rows
                    if attendance.qualifies_for_certificate(
                        registration, options=options, days=days
                    )
                ),
            }
        )
        return context


def confirmed_attendees(event):
    return (
        event.registrations_queryset()
        .filter(status=RegistrationStatus.CONFIRMED, purged_at__isnull=True)
        .select_related("institution")
        .order_by("name", "pk")
    )


class PrintableDownloadView(TwoFactorRequiredMixin, EventOrganiserMixin, TemplateView):
    kind = None  # "certificates", "badges" or "sign_in"

    def get(self, request, *args, **kwargs):
        event = self.event
        stem = export_stem(f"{self.kind.replace('_', '-')} {event.title}")
        if self.kind == "certificates":
            certificates = issue_certificates(event)
            content = pdf.certificates_pdf(certificates)
        elif self.kind == "badges":
            content = pdf.badges_pdf(event, list(confirmed_attendees(event)))
        else:
            days = attendance.event_days(event)
            day = next((d for d in days if d.isoformat() == request.GET.get("day")), None)
            content = pdf.sign_in_sheet_pdf(event, confirmed_attendees(event), day=day)
        return pdf_response(content, f"{stem}.pdf")
