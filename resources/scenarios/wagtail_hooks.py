"""Wagtail hooks of training scenarios (imported by resources.wagtail_hooks).

Hooks this module implements for other apps:
* `events_attendance_requirements(page, user_ids)` → the users who completed
  the page (a scenario) an event requires; lets `events` stay free of
  `resources` imports.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from resources.models import ScenarioPage
from resources.scenarios import admin_urls
from resources.scenarios.admin_views import can_see_analytics
from resources.scenarios.progress import completed_user_ids, completions


def _is_scenario(page):
    return issubclass(page.specific_class or type(page), ScenarioPage)


@hooks.register("register_admin_urls")
def register_scenario_admin_urls():
    return [
        path(
            "scenarios/",
            include((admin_urls, "scenarios_admin"), namespace="scenarios_admin"),
        )
    ]


class ScenarioMapButton(PageMenuItem):
    label = _("Scenario map")
    icon_name = "site"

    @property
    def url(self):
        return reverse("scenarios_admin:map", args=[self.page.pk])


class ScenarioAnalyticsButton(PageMenuItem):
    label = _("Analytics")
    icon_name = "table"

    @property
    def url(self):
        return reverse("scenarios_admin:analytics_detail", args=[self.page.pk])

    def is_shown(self, user):
        return can_see_analytics(user)


@hooks.register("register_page_header_buttons")
def scenario_header_buttons(page, user, view_name, next_url=None):
    if _is_scenario(page):
        yield ScenarioMapButton(page=page, priority=12)
        yield ScenarioAnalyticsButton(page=page, priority=13)


@hooks.register("register_page_listing_more_buttons")
def scenario_listing_buttons(page, user, next_url=None):
    if _is_scenario(page):
        yield ScenarioMapButton(page=page, priority=3)
        yield ScenarioAnalyticsButton(page=page, priority=4)


class AnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_analytics(request.user)


@hooks.register("register_reports_menu_item")
def scenario_analytics_menu_item():
    return AnalyticsMenuItem(
        _("Scenario analytics"),
        reverse("scenarios_admin:analytics"),
        name="scenario-analytics",
        icon_name="table",
        order=810,
    )


@hooks.register("before_publish_page")
def refuse_publishing_broken_scenario(request, page):
    """The admin's friendly answer; ScenarioPage.publish refuses anyway."""
    if not _is_scenario(page):
        return None
    problems = (page if hasattr(page, "problems") else page.specific).problems()
    if not problems:
        return None
    messages.error(
        request,
        _("The draft is saved, but the scenario cannot be published yet: %(problems)s")
        % {"problems": " ".join(str(problem.message) for problem in problems)},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("portal_account_sections", order=35)
def my_scenarios(request):
    if not request.user.is_authenticated:
        return None
    records = list(completions(request.user)[:50])
    if not records:
        return None
    return {"template": "resources/scenarios/includes/account_section.html", "records": records}


@hooks.register("events_attendance_requirements")
def scenario_completed(page, user_ids):
    if not _is_scenario(page):
        return None
    return completed_user_ids(page, user_ids)
