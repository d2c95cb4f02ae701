"""Importing attendees from a CSV file."""

import base64
import binascii

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from events.admin import imports
from events.admin.forms import ImportForm
from events.admin.views.base import EventOrganiserMixin
from portal.exports import csv_response
from portal.two_factor import TwoFactorRequiredMixin


class ImportView(TwoFactorRequiredMixin, EventOrganiserMixin, WagtailAdminTemplateMixin, FormView):
    """Upload a CSV, see every line checked (a dry run), then import all or nothing."""

    template_name = "events/admin/import.html"
    form_class = ImportForm
    header_icon = "upload"

    def get_page_title(self):
        return _("Import attendees")

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return self.event_breadcrumbs({"url": "", "label": _("Import CSV")})

    def get(self, request, *args, **kwargs):
        if request.GET.get("template") == "csv":
            return csv_response(
                f"import template {self.event.title}", imports.template_headings(self.event), []
            )
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        raw = form.cleaned_data["file"].read(imports.MAX_BYTES + 1)
        try:
            preview = imports.parse(
                self.event, raw, skip_duplicates=form.cleaned_data["skip_duplicates"]
            )
        except imports.ImportFileError as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                preview=preview,
                payload=base64.b64encode(raw).decode("ascii"),
                send_confirmation=form.cleaned_data["send_confirmation"],
                skip_duplicates=form.cleaned_data["skip_duplicates"],
            )
        )

    def confirm(self, request):
        try:
            raw = base64.b64decode(request.POST.get("payload", ""), validate=True)
        except (binascii.Error, ValueError):
            messages.error(request, _("The file could not be read. Please upload it again."))
            return redirect(reverse("events_admin:import", args=[self.event.pk]))
        send = request.POST.get("send_confirmation") == "1"
        skip = request.POST.get("skip_duplicates") == "1"
        try:
            preview = imports.parse(self.event, raw, skip_duplicates=skip)
            created = imports.run(self.event, preview, send_confirmation=send)
        except imports.ImportFileError as error:
            messages.error(request, error.message)
            return redirect(reverse("events_admin:import", args=[self.event.pk]))
        except imports.ImportRowsError:
            messages.error(request, _("Nothing was imported: some lines have errors."))
            response = self.render_to_response(
                self.get_context_data(form=self.get_form_class()(), preview=preview)
            )
            response.status_code = 400
            return response
        messages.success(
            request,
            ngettext("%(count)s attendee imported.", "%(count)s attendees imported.", created)
            % {"count": created},
        )
        # What became of each line: confirmed, waiting list or skipped, and why.
        return self.render_to_response(
            self.get_context_data(form=self.get_form_class()(), result=preview)
        )
