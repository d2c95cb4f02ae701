"""The attendance report, per event or across a date range."""

from django import forms
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from events.admin import reports
from events.admin.report_pdf import report_pdf
from events.models import EventPage, EventSeries
from events.permissions import can_manage_event, is_organiser
from portal.converters import ModelIdChoiceField
from portal.exports import export_filename, spreadsheet_response
from portal.two_factor import TwoFactorRequiredMixin


class ReportFilterForm(forms.Form):
    series = ModelIdChoiceField(
        label=gettext_lazy("Series"),
        queryset=EventSeries.objects.all(),
        required=False,
        empty_label=gettext_lazy("All series"),
    )
    event = ModelIdChoiceField(
        label=gettext_lazy("Event"),
        queryset=EventPage.objects.none(),
        required=False,
        empty_label=gettext_lazy("All events"),
    )
    date_from = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class AttendanceReportView(TwoFactorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """Per event or across a date range: who came, and the funder's numbers."""

    template_name = "events/admin/report.html"
    header_icon = "table"

    def get_page_title(self):
        return _("Event attendance")

    def get_breadcrumbs_items(self):
        # Without this Wagtail's header shows only the "Home" crumb as the title.
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": "", "label": self.get_page_title()},
        ]

    def managed_events(self):
        events = EventPage.objects.filter(locale__language_code=self.default_language()).order_by(
            "-start"
        )
        user = self.request.user
        if user.is_superuser:
            return events
        return [e for e in events.specific() if can_manage_event(user, e)]

    @staticmethod
    def default_language():
        return Locale.get_default().language_code

    def dispatch(self, request, *args, **kwargs):
        if not is_organiser(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events = self.managed_events()
        ids = [e.pk for e in events]
        form = ReportFilterForm(self.request.GET or None)
        form.fields["event"].queryset = EventPage.objects.filter(pk__in=ids).order_by("-start")
        selected = EventPage.objects.filter(pk__in=ids)
        if form.is_valid():
            data = form.cleaned_data
            if data["series"]:
                selected = selected.filter(series=data["series"])
            if data["event"]:
                selected = selected.filter(pk=data["event"].pk)
            if data["date_from"]:
                selected = selected.filter(start__date__gte=data["date_from"])
            if data["date_to"]:
                selected = selected.filter(start__date__lte=data["date_to"])
        report = reports.attendance_report(selected)
        context.update(
            {
                "form": form,
                "report": report,
                "breakdowns": [(title, report[key]) for key, title in reports.BREAKDOWNS],
                "series": form.cleaned_data.get("series") if form.is_valid() else None,
                "query": self.request.GET.urlencode(),
            }
        )
        return context

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export not in (None, "csv", "xlsx", "pdf"):
            return HttpResponseBadRequest(_("Unknown export format."))
        context = self.get_context_data(**kwargs)
        if context["form"].is_bound and not context["form"].is_valid():
            response = self.render_to_response(context)
            response.status_code = 400
            return response
        if export == "pdf":
            pdf = report_pdf(context["report"], context["series"], context["form"].cleaned_data)
            response = HttpResponse(bytes(pdf.output()), content_type="application/pdf")
            response["Content-Disposition"] = (
                f'attachment; filename="{export_filename("funder report", "pdf")}"'
            )
            return response
        if export:
            return spreadsheet_response(
                export,
                "funder report",
                [_("Section"), _("Item"), _("Number")],
                reports.report_rows(context["report"]),
                sheet_title=_("Funder report"),
            )
        return self.render_to_response(context)
