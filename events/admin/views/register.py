"""The attendance register of one event: present / absent / excused per
attendee and day, filled in by check-in and corrected here afterwards; its
CSV/XLSX export; and the event's attendance options (check-in window,
certificates, feedback survey)."""

import datetime

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from events import attendance
from events.admin.views.base import EventOrganiserMixin
from events.choices import AttendanceStatus
from events.models import Certificate, EventAttendanceOptions
from portal.exports import spreadsheet_response
from portal.two_factor import TwoFactorRequiredMixin


class AttendanceOptionsForm(forms.ModelForm):
    class Meta:
        model = EventAttendanceOptions
        fields = [
            "check_in_closes_after_hours",
            "certificates_enabled",
            "certificate_min_share",
            "certificate_hours",
            "feedback_url",
        ]


def field_name(registration_id, day):
    return f"a-{registration_id}-{day:%Y%m%d}"


def parse_field(name):
    """(registration id, day) from a register field's name, or None."""
    parts = name.split("-")
    if len(parts) != 3 or parts[0] != "a" or not parts[1].isdigit() or len(parts[1]) > 12:
        return None
    try:
        day = datetime.datetime.strptime(parts[2], "%Y%m%d").date()
    except ValueError:
        return None
    return int(parts[1]), day


class AttendanceRegisterView(
    TwoFactorRequiredMixin, EventOrganiserMixin, WagtailAdminTemplateMixin, TemplateView
):
    template_name = "events/admin/register.html"
    header_icon = "tick"

    def get_page_title(self):
        return _("Attendance register")

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return self.event_breadcrumbs({"url": "", "label": _("Attendance register")})

    def get_header_buttons(self):
        return self.event_buttons()

    def get(self, request, *args, **kwargs):
        export_format = request.GET.get("export")
        if export_format in ("csv", "xlsx"):
            return self.export(export_format)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if request.POST.get("form") == "options":
            form = AttendanceOptionsForm(request.POST, instance=attendance.options_for(self.event))
            if not form.is_valid():
                context = self.get_context_data(options_form=form)
                return self.render_to_response(context, status=400)
            form.save()
            messages.success(request, _("Attendance options saved."))
            return redirect(self.get_url())
        changes = {}
        for name, value in request.POST.items():
            key = parse_field(name)
            if key is None:
                continue
            if value not in AttendanceStatus.values and value != "":
                context = self.get_context_data()
                context["error"] = _("Choose present, absent, excused or nothing for each day.")
                return self.render_to_response(context, status=400)
            changes[key] = value
        count = attendance.save_register(self.event, changes, user=request.user)
        messages.success(request, _("Attendance saved for %(count)s attendees.") % {"count": count})
        return redirect(self.get_url())

    def get_url(self):
        return reverse("events_admin:register", args=[self.event.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        days, rows = attendance.register_rows(self.event)
        options = attendance.options_for(self.event)
        certified = set(
            Certificate.objects.filter(registration__event_id=self.event.pk).values_list(
                "registration_id", flat=True
            )
        )
        context.update(
            {
                "event": self.event,
                "days": days,
                "rows": [
                    {
                        "registration": registration,
                        "cells": [
                            {"name": field_name(registration.pk, day), "value": value, "day": day}
                            for day, value in zip(days, marks, strict=True)
                        ],
                        "qualifies": attendance.qualifies_for_certificate(
                            registration, options=options, days=days
                        ),
                        "certified": registration.pk in certified,
                    }
                    for registration, marks in rows
                ],
                "choices": AttendanceStatus.choices,
                "options": options,
                "options_form": kwargs.get("options_form")
                or AttendanceOptionsForm(instance=options),
                "window": attendance.check_in_window(self.event),
                "export_url": self.get_url(),
            }
        )
        return context

    def export(self, export_format):
        days, rows = attendance.register_rows(self.event)
        labels = dict(AttendanceStatus.choices)
        headings = [_("Name"), _("Email"), _("Institution")]
        headings += [formats.date_format(day, "SHORT_DATE_FORMAT") for day in days]
        headings += [_("Days present")]
        data = [
            [registration.name, registration.email, registration.institution_label]
            + [str(labels.get(mark, "")) for mark in marks]
            + [sum(1 for mark in marks if mark == AttendanceStatus.PRESENT)]
            for registration, marks in rows
        ]
        return spreadsheet_response(
            export_format,
            f"{_('Attendance')} {self.event.title}",
            headings,
            data,
            sheet_title=_("Attendance"),
        )
