"""Registrations per event: the list (filters, search, counts, CSV/XLSX export), one
registration and its status, adding an attendee by hand, invitation codes."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from events import requirements, services
from events.admin import reports
from events.admin.filters import RegistrationFilterSet
from events.admin.forms import InvitationCodesForm, OrganiserRegistrationForm, StatusForm
from events.admin.views.base import EventOrganiserMixin
from events.models import InvitationCode, Registration
from events.models.registrations import waiting_positions
from events.permissions import can_manage_event
from portal.exports import SafeSpreadsheetExportMixin
from portal.two_factor import TwoFactorRequiredMixin


class StatusColumn(Column):
    """The status, with the waiting-list position the attendee is told
    (not the arrival number, which counts everyone who ever registered)."""

    def get_value(self, instance):
        value = instance.get_status_display()
        if not hasattr(self, "_positions"):  # one query per listing, not per row
            self._positions = waiting_positions(instance.event_id)
        position = self._positions.get(instance.pk)
        if position:
            value = _("%(status)s (number %(position)s)") % {"status": value, "position": position}
        return value


class RegistrationListView(
    TwoFactorRequiredMixin, EventOrganiserMixin, SafeSpreadsheetExportMixin, ReportView
):
    template_name = "events/admin/registrations.html"
    header_icon = "group"
    filterset_class = RegistrationFilterSet
    is_searchable = True
    search_fields = [
        "name",
        "email",
        "institution__name",
        "institution__name_pl",
        "institution_other",
        "position",
    ]
    paginate_by = 50
    default_ordering = "queue_number"
    export_headings = {
        "queue_number": gettext_lazy("Number"),
        "name": gettext_lazy("Name"),
        "email": gettext_lazy("Email"),
        "institution_label": gettext_lazy("Institution"),
        "institution.get_kind_display": gettext_lazy("Institution kind"),
        "institution.region": gettext_lazy("Region"),
        "position": gettext_lazy("Position"),
        "phone": gettext_lazy("Phone"),
        "dietary": gettext_lazy("Dietary needs"),
        "accessibility": gettext_lazy("Accessibility needs"),
        "get_status_display": gettext_lazy("Status"),
        "created_at": gettext_lazy("Registered"),
        "attended_at": gettext_lazy("Attended"),
    }

    def get_page_title(self):
        return _("Registrations")

    def get_page_subtitle(self):
        return self.event.title

    def get_export_subject(self):
        return f"{_('Registrations')} {self.event.title}"

    def get_breadcrumbs_items(self):
        return self.event_breadcrumbs()[:-1] + [{"url": "", "label": _("Registrations")}]

    def get_header_buttons(self):
        # Wagtail's "Download XLSX / CSV" join the event's "More" menu.
        return self.event_buttons(self.get_header_more_buttons())

    def get_index_url(self):
        return reverse("events_admin:registrations", args=[self.event.pk])

    def get_index_results_url(self):
        return reverse("events_admin:registrations_results", args=[self.event.pk])

    @cached_property
    def questions(self):
        return list(self.event.questions.all())

    @property
    def list_export(self):
        fields = list(self.export_headings) + [f"answer:{q.key}" for q in self.questions]
        if self.event.required_scenario_id:
            fields.append("required_scenario")
        return fields

    @cached_property
    def scenario_completed_ids(self):
        user_ids = Registration.objects.filter(event=self.event).values_list("user_id", flat=True)
        return requirements.completed_user_ids(self.event, user_ids)

    def get_export_headings(self):
        headings = dict(self.export_headings)
        headings["required_scenario"] = gettext_lazy("Training scenario completed")
        headings.update({f"answer:{q.key}": q.label for q in self.questions})
        return headings

    def to_row_dict(self, item):
        row = {}
        for field in self.list_export:
            if field == "required_scenario":
                row[field] = (
                    (_("yes") if item.user_id in self.scenario_completed_ids else _("no"))
                    if item.user_id
                    else _("unknown (no account)")
                )
            elif field.startswith("answer:"):
                value = item.answers.get(field.split(":", 1)[1], "")
                row[field] = ", ".join(value) if isinstance(value, list) else value
            elif field == "institution.get_kind_display":
                row[field] = item.institution.get_kind_display() if item.institution_id else ""
            elif field == "institution.region":
                row[field] = item.institution.region if item.institution_id else ""
            else:
                value = getattr(item, field)
                row[field] = value() if callable(value) else value
        return row

    def get_heading(self, queryset, field):
        return str(self.get_export_headings().get(field, field))

    def get_base_queryset(self):
        return Registration.objects.filter(event=self.event).select_related("institution")

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label=_("Name"),
                sort_key="name",
                get_url=lambda r: reverse("events_admin:registration", args=[r.pk]),
            ),
            Column("email", label=_("Email"), sort_key="email"),
            Column("institution_label", label=_("Institution")),
            StatusColumn("status", label=_("Status"), sort_key="status"),
            DateColumn("created_at", label=_("Registered"), sort_key="created_at"),
            DateColumn("attended_at", label=_("Attended"), sort_key="attended_at"),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event"] = self.event
        context["counts"] = reports.registration_counts(self.event)
        return context


class RegistrationDetailView(TwoFactorRequiredMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "events/admin/registration_detail.html"
    form_class = StatusForm
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        self.registration = get_object_or_404(
            Registration.objects.select_related("event", "institution"), pk=kwargs["pk"]
        )
        self.event = self.registration.event
        if not can_manage_event(request.user, self.event):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.registration.name

    def get_breadcrumbs_items(self):
        return EventOrganiserMixin.event_breadcrumbs(self) + [
            {"url": "", "label": self.registration.name}
        ]

    def get_initial(self):
        return {"status": self.registration.status}

    def form_valid(self, form):
        try:
            services.change_status(self.registration, form.cleaned_data["status"])
        except services.RegistrationError as error:
            form.add_error("status", error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The registration's status has been changed."))
        return redirect(reverse("events_admin:registration", args=[self.registration.pk]))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        questions = {q.key: q.label for q in self.event.questions.all()}
        context.update(
            {
                "registration": self.registration,
                "event": self.event,
                "answers": [
                    (questions.get(k, k), ", ".join(v) if isinstance(v, list) else v)
                    for k, v in self.registration.answers.items()
                ],
                "mails": self.registration.mails.all()[:20],
            }
        )
        return context


class AddRegistrationView(
    TwoFactorRequiredMixin, EventOrganiserMixin, WagtailAdminTemplateMixin, FormView
):
    template_name = "events/admin/form.html"
    form_class = OrganiserRegistrationForm
    header_icon = "plus"

    def get_page_title(self):
        return _("Add attendee")

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return self.event_breadcrumbs({"url": "", "label": _("Add attendee")})

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["event"] = self.event
        return kwargs

    def get_initial(self):
        return {"send_confirmation": True, "language": "pl"}

    def form_valid(self, form):
        data = form.registration_data()
        data["language"] = form.cleaned_data["language"]
        try:
            result = services.register(
                self.event,
                data,
                by_organiser=True,
                send_confirmation=form.cleaned_data.get("send_confirmation", False),
            )
        except services.RegistrationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        if result.duplicate:
            messages.warning(
                self.request, _("This person was already registered; nothing was added.")
            )
        elif result.registration.is_confirmed:
            messages.success(
                self.request,
                _("%(name)s has been registered.") % {"name": result.registration.name},
            )
        else:
            messages.warning(
                self.request,
                _("The event is full: %(name)s is on the waiting list.")
                % {"name": result.registration.name},
            )
        return redirect(reverse("events_admin:registrations", args=[self.event.pk]))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["submit_label"] = _("Add attendee")
        return context


class InvitationCodesView(
    TwoFactorRequiredMixin, EventOrganiserMixin, WagtailAdminTemplateMixin, FormView
):
    template_name = "events/admin/codes.html"
    form_class = InvitationCodesForm
    header_icon = "key"

    def get_page_title(self):
        return _("Invitation codes")

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return self.event_breadcrumbs({"url": "", "label": _("Invitation codes")})

    def form_valid(self, form):
        data = form.cleaned_data
        # With addresses, one code each (so that invitees can be reminded);
        # otherwise the number asked for, to hand out by other means.
        recipients = data["emails"] or [""] * data["count"]
        InvitationCode.objects.bulk_create(
            [
                InvitationCode(
                    event=self.event,
                    max_uses=data["max_uses"],
                    note=data["note"],
                    email=email,
                    language=data["language"] or settings.LANGUAGE_CODE,
                )
                for email in recipients
            ]
        )
        messages.success(self.request, _("Invitation codes created."))
        return redirect(reverse("events_admin:codes", args=[self.event.pk]))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["codes"] = self.event.invitation_codes.all()[:500]
        return context
