"""Wagtail hooks of surveys (imported by resources.wagtail_hooks): the results
views, the "Survey results" menu item and page buttons."""

from django.contrib.contenttypes.models import ContentType
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy as pgettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter

from resources.models import SurveyPage
from resources.surveys import admin_urls, services
from resources.surveys.results import can_see_results


class SurveyResultsMenuItem(MenuItem):
    def __init__(self):
        super().__init__(
            pgettext("surveys", "Survey results"),
            reverse("surveys_admin:index"),
            name="survey-results",
            icon_name="table",
            order=850,
        )

    def is_shown(self, request):
        return can_see_results(request.user)


class SurveyResultsButton(PageMenuItem):
    label = pgettext("surveys", "Survey results")
    icon_name = "table"

    @property
    def url(self):
        return reverse("surveys_admin:results", args=[self.page.pk])

    def is_shown(self, user):
        return can_see_results(user)


def results_buttons(page, user, priority):
    if page.specific_class is SurveyPage and can_see_results(user):
        yield SurveyResultsButton(page=page, priority=priority)


def exclude_surveys(pages):
    return pages.exclude(content_type=ContentType.objects.get_for_model(SurveyPage))


@hooks.register("register_admin_urls")
def register_survey_admin_urls():
    return [
        path(
            "survey-results/",
            include((admin_urls, "surveys_admin"), namespace="surveys_admin"),
        )
    ]


@hooks.register("register_admin_menu_item")
def survey_results_menu_item():
    return SurveyResultsMenuItem()


@hooks.register("register_page_header_buttons")
def survey_header_buttons(page, user, view_name, next_url=None):
    yield from results_buttons(page, user, priority=12)


@hooks.register("register_page_listing_more_buttons")
def survey_listing_buttons(page, user, next_url=None):
    yield from results_buttons(page, user, priority=3)


@hooks.register("filter_form_submissions_for_user")
def keep_survey_answers_out_of_form_submissions(user, pages):
    # Survey answers are read only through the survey results views, which
    # check their own permission; Wagtail's "Forms" listing must not be a
    # second door (it lets anyone who may edit the page in).
    return exclude_surveys(pages)


@hooks.register("register_log_actions")
def survey_log_actions(actions):
    @actions.register_action(services.ANSWER_DELETED)
    class AnswerDeleted(LogFormatter):
        label = _("Delete a survey answer")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Deleted the survey answer %(answer)s of %(date)s") % {
                "answer": data.get("answer", ""),
                "date": data.get("submitted_on", ""),
            }

    @actions.register_action(services.ANSWERS_PURGED)
    class AnswersPurged(LogFormatter):
        label = _("Delete survey answers after the retention period")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Deleted %(count)s answers given before %(date)s (retention period)") % {
                "count": data.get("count", 0),
                "date": data.get("before", ""),
            }

    actions.register_action(
        services.SURVEY_CLOSED, _("Close a survey early"), _("Closed the survey early")
    )
    actions.register_action(
        services.SURVEY_REOPENED, _("Reopen a survey"), _("Opened the survey again")
    )

    @actions.register_action(services.INVITATIONS_CREATED)
    class InvitationsCreated(LogFormatter):
        label = _("Create survey invitation links")

        def format_message(self, log_entry):
            return _("Created %(count)s invitation links") % {
                "count": (log_entry.data or {}).get("count", 0)
            }


@hooks.register("portal_page_cache_schedule")
def survey_moments():
    """Surveys open and close by themselves; cached pages expire then."""
    return [(SurveyPage, ["opens_at", "closes_at"])]
