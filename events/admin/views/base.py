"""What every organiser's page about one event shares: the permission check, breadcrumbs
and header buttons."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.widgets.button import Button, ButtonWithDropdown, HeaderButton

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

    def event_buttons(self, more_buttons=()):
        """Three buttons and a "More" menu: nine side by side pushed the
        event's title out of the header at 1280 px."""
        event_id = self.event.pk
        buttons = [
            HeaderButton(
                _("Add attendee"), reverse("events_admin:add", args=[event_id]), icon_name="plus"
            ),
            HeaderButton(
                _("Message attendees"),
                reverse("events_admin:message", args=[event_id]),
                icon_name="mail",
            ),
            HeaderButton(
                _("Check-in list"),
                reverse("events:check_in_list", args=[event_id]),
                icon_name="tick",
            ),
        ]
        more = [
            Button(
                _("Attendance register"),
                reverse("events_admin:register", args=[event_id]),
                icon_name="list-ul",
                priority=10,
            ),
            Button(
                _("Reminders"),
                reverse("events_admin:reminders", args=[event_id]),
                icon_name="time",
                priority=20,
            ),
            Button(
                _("Certificates"),
                reverse("events_admin:certificates", args=[event_id]),
                icon_name="doc-full",
                priority=30,
            ),
            Button(
                _("Attendance report"),
                reverse("events_admin:report") + f"?event={event_id}",
                icon_name="table",
                priority=40,
            ),
            Button(
                _("Import CSV"),
                reverse("events_admin:import", args=[event_id]),
                icon_name="upload",
                priority=50,
            ),
        ]
        if self.event.audience == Audience.INVITATION:
            more.append(
                Button(
                    _("Invitation codes"),
                    reverse("events_admin:codes", args=[event_id]),
                    icon_name="key",
                    priority=60,
                )
            )
        more.extend(more_buttons)
        buttons.append(
            ButtonWithDropdown(
                buttons=sorted(more),
                label=_("More"),
                icon_name="dots-horizontal",
                attrs={"aria-label": _("More for this event")},
                classname="w-h-slim-header",
            )
        )
        return buttons
