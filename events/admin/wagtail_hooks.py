"""The organisers' admin in Wagtail: its URLs, a "Registrations" button on
event pages and the attendance report in the Reports menu."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet

from events.admin import urls as admin_urls
from events.admin.event_listing import EventListingViewSet
from events.admin.series import EventSeriesViewSet
from events.models import EventPage
from events.permissions import can_manage_event, is_organiser


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("events/", include((admin_urls, "events_admin"), namespace="events_admin"))]


class RegistrationsButton(PageMenuItem):
    label = _("Registrations")
    icon_name = "group"

    @property
    def url(self):
        return reverse(
            "events_admin:registrations", args=[self.page.specific_deferred.canonical.pk]
        )

    def is_shown(self, user):
        return can_manage_event(user, self.page)


def _is_event(page):
    return page.specific_class is EventPage


@hooks.register("register_page_header_buttons")
def event_header_buttons(page, user, view_name, next_url=None):
    if _is_event(page):
        yield RegistrationsButton(page=page, priority=12)


@hooks.register("register_page_listing_more_buttons")
def event_listing_buttons(page, user, next_url=None):
    if _is_event(page):
        yield RegistrationsButton(page=page, priority=3)


class EventReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_organiser(request.user)


@hooks.register("register_reports_menu_item")
def event_reports_menu_item():
    return EventReportsMenuItem(
        _("Event attendance"),
        reverse("events_admin:report"),
        name="event-attendance",
        icon_name="calendar",
        order=800,
    )


@hooks.register("register_admin_viewset")
def register_event_listing():
    return EventListingViewSet()


register_snippet(EventSeriesViewSet)
