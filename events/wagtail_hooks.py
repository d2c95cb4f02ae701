from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from events import sections
from events.models import EventPage
from events.permissions import can_manage_event, is_organiser


@hooks.register("portal_home_sections", order=20)
def home_events(request, home_page):
    return sections.home_section(request, home_page)


@hooks.register("portal_topic_sections", order=20)
def topic_events(request, topic):
    return sections.topic_section(request, topic)


@hooks.register("directory_institution_sections", order=20)
def institution_events(request, institution):
    return sections.institution_section(request, institution)


@hooks.register("portal_account_sections", order=20)
def my_events(request):
    return sections.account_section(request)


@hooks.register("register_admin_urls")
def register_admin_urls():
    from events import admin_urls

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


# --- Calendar (issue #5) -----------------------------------------------------------


@hooks.register("portal_account_sections", order=21)
def my_calendar_feed(request):
    from events.calendar_hooks import account_feed_section

    return account_feed_section(request)


@hooks.register("register_admin_viewset")
def register_calendar_sources():
    from events.calendar_admin import calendar_source_viewset

    return calendar_source_viewset


# --- Personal data (export and account deletion) -------------------------------------


@hooks.register("portal_personal_data")
def events_personal_data(user):
    from events import personal_data

    return personal_data.describe(user)


@hooks.register("portal_erase_personal_data")
def erase_events_personal_data(user):
    from events import personal_data

    personal_data.erase(user)
