"""Organisers' admin for partner institutions' calendars: the
list of sources (a Wagtail ModelViewSet) and the upload of an .ics file."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from events.calendar import ical, services
from events.models import ExternalCalendarSource
from portal.converters import ModelIdChoiceField

MAX_UPLOAD_BYTES = services.FETCH_MAX_BYTES


class CalendarUploadForm(forms.Form):
    source = ModelIdChoiceField(
        label=gettext_lazy("Partner calendar"),
        queryset=ExternalCalendarSource.objects.all(),
        help_text=gettext_lazy("Add the partner first under Partner calendars."),
    )
    file = forms.FileField(
        label=gettext_lazy("Calendar file (.ics)"),
        help_text=gettext_lazy("Events are matched by their UID: importing again updates them."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        data = upload.read()
        try:
            self.parsed = ical.parse_calendar(data)
        except ical.CalendarParseError as error:
            raise forms.ValidationError(error.message) from error
        self.data_bytes = data
        return upload


def _can_import(user):
    return user.has_perm("events.change_externalcalendarsource")


class CalendarUploadView(WagtailAdminTemplateMixin, FormView):
    template_name = "events/calendar/admin_upload.html"
    form_class = CalendarUploadForm
    page_title = gettext_lazy("Import partner events")
    header_icon = "calendar"

    def dispatch(self, request, *args, **kwargs):
        if not _can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"source": self.request.GET.get("source")}

    def form_valid(self, form):
        source = form.cleaned_data["source"]
        try:
            result = services.import_calendar(source, form.data_bytes)
        except ical.CalendarParseError as error:
            form.add_error("file", error.message)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(
            self.request,
            _("Imported into %(source)s: %(summary)s")
            % {"source": source.name, "summary": result.summary()},
        )
        return redirect("partner_calendars:index")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CalendarRefreshView(WagtailAdminTemplateMixin, TemplateView):
    """Fetch a source's feed now (GET asks, POST does it)."""

    template_name = "events/calendar/admin_refresh.html"
    page_title = gettext_lazy("Fetch the feed now")
    header_icon = "calendar"

    def dispatch(self, request, *args, pk, **kwargs):
        if not _can_import(request.user):
            raise PermissionDenied
        self.source = get_object_or_404(ExternalCalendarSource.objects.exclude(url=""), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.source.name

    def get_context_data(self, **kwargs):
        return super().get_context_data(source=self.source, **kwargs)

    def post(self, request, *args, **kwargs):
        result = services.refresh_source(self.source)
        if result is None:
            messages.error(
                request,
                _("The feed could not be imported; nothing was changed: %(error)s")
                % {"error": self.source.last_error},
            )
        else:
            messages.success(
                request,
                _("Imported into %(source)s: %(summary)s")
                % {"source": self.source.name, "summary": result.summary()},
            )
        return redirect("partner_calendars:index")


class SourceIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                _("Import an .ics file"),
                url=reverse("partner_calendars:upload") + f"?source={instance.pk}",
                icon_name="upload",
                priority=40,
            )
        )
        if instance.url:
            buttons.append(
                MenuItem(
                    _("Fetch the feed now"),
                    url=reverse("partner_calendars:refresh", args=[instance.pk]),
                    icon_name="resubmit",
                    priority=41,
                )
            )
        return buttons

    @property
    def header_buttons(self):
        buttons = super().header_buttons
        buttons.append(
            HeaderButton(
                _("Import an .ics file"),
                url=reverse("partner_calendars:upload"),
                icon_name="upload",
            )
        )
        return buttons


class CalendarSourceViewSet(ModelViewSet):
    model = ExternalCalendarSource
    name = "partner_calendars"
    icon = "calendar"
    menu_label = gettext_lazy("Partner calendars")
    add_to_admin_menu = True
    menu_order = 810
    form_fields = ["name", "institution", "url", "is_active"]
    list_display = ["name", "institution", "url", "last_imported_at", "last_error"]
    index_view_class = SourceIndexView

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("upload/", CalendarUploadView.as_view(), name="upload"),
            path("<id:pk>/refresh/", CalendarRefreshView.as_view(), name="refresh"),
        ]


calendar_source_viewset = CalendarSourceViewSet()
