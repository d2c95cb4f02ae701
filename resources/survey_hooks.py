"""Admin wiring for surveys: the "Survey results" menu item and the page buttons."""

from django.urls import reverse
from django.utils.translation import pgettext_lazy as pgettext
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from resources.survey_results import can_see_results


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
    from resources.models import SurveyPage

    if page.specific_class is SurveyPage and can_see_results(user):
        yield SurveyResultsButton(page=page, priority=priority)


def exclude_surveys(pages):
    from django.contrib.contenttypes.models import ContentType

    from resources.models import SurveyPage

    return pages.exclude(content_type=ContentType.objects.get_for_model(SurveyPage))
