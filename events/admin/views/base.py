"""What every organiser's page about one event shares: the permission check, breadcrumbs
and header buttons."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.widgets.button import HeaderButton

from events.choices import Audience
from events.models import EventPage
from events.permissions import can_manage_event


class EventOrganiserMixin:
    """Only the event's organisers (and admins) get past dispatch."""

    def dispatch(self, request, *args, **kwargs):
        self.event = self.get_event(**kwargs)
        if not can_manage_event(request.user, self.event):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_event(self, **kwargs):
        return get_object_or_404(EventPage, pk=kwargs["event_id"]).canonical

    def event_breadcrumbs(self, *items):
        crumbs = [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.event.pk]),
                "label": self.event.title,
            },
            {
                "url": reverse("events_admin:registrations", args=[self.event.pk]),
                "label": _("Registrations"),
            },
        ]
        return crumbs + list(items)

    def event_buttons(self):
        buttons = [
            HeaderButton(
                _("Add attendee"),
                reverse("events_admin:add", args=[self.event.pk]),
                icon_name="plus",
            ),
            HeaderButton(
                _("Import CSV"),
                reverse("events_admin:import", args=[self.event.pk]),
                icon_name="upload",
            ),
            HeaderButton(
                _("Message attendees"),
                reverse("events_admin:message", args=[self.event.pk]),
                icon_name="mail",
            ),
            HeaderButton(
                _("Check-in list"),
                reverse("events:check_in_list", args=[self.event.pk]),
                icon_name="tick",
            ),
            HeaderButton(
                _("Attendance register"),
                reverse("events_admin:register", args=[self.event.pk]),
                icon_name="list-ul",
            ),
            HeaderButton(
                _("Reminders"),
                reverse("events_admin:reminders", args=[self.event.pk]),
                icon_name="time",
            ),
            HeaderButton(
                _("Certificates"),
                reverse("events_admin:certificates", args=[self.event.pk]),
                icon_name="doc-full",
            ),
            HeaderButton(
                _("Attendance report"),
                reverse("events_admin:report") + f"?event={self.event.pk}",
                icon_name="table",
            ),
        ]
        if self.event.audience == Audience.INVITATION:
            buttons.append(
                HeaderButton(
                    _("Invitation codes"),
                    reverse("events_admin:codes", args=[self.event.pk]),
                    icon_name="key",
                )
            )
        return buttons
