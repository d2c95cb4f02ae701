from wagtail import hooks

from directory.choices import Visibility
from directory.visibility import is_member
from resources.privacy import refuse_members_only_document
from resources.queries import for_institution, latest_materials, latest_study_visits


@hooks.register("before_serve_document")
def protect_members_only_documents(document, request):
    return refuse_members_only_document(document, request)


@hooks.register("portal_search_exclude")
def exclude_members_only_materials(request, pages):
    if is_member(request.user):
        return pages
    from resources.models import MaterialPage

    return pages.exclude(
        pk__in=MaterialPage.objects.filter(visibility=Visibility.MEMBERS).values("pk")
    )


@hooks.register("portal_home_sections", order=30)
def home_section(request, home_page):
    materials = latest_materials(request)
    visits = latest_study_visits(request)
    if not materials and not visits:
        return None
    return {
        "template": "resources/includes/home_section.html",
        "materials": materials,
        "visits": visits,
        "materials_index": _index_url(request, "MaterialIndexPage"),
        "visits_index": _index_url(request, "StudyVisitIndexPage"),
    }


@hooks.register("directory_institution_sections", order=30)
def institution_section(request, institution):
    resources = for_institution(institution, is_member(request.user), limit=10)
    if not (resources["materials"] or resources["hosted_visits"] or resources["joined_visits"]):
        return None
    return {"template": "resources/includes/institution_hook.html", "resources": resources}


@hooks.register("portal_topic_sections", order=30)
def topic_section(request, topic):
    materials = latest_materials(request, limit=6, topic=topic)
    visits = latest_study_visits(request, limit=6, topic=topic)
    if not materials and not visits:
        return None
    materials_index = _index_url(request, "MaterialIndexPage")
    return {
        "template": "resources/includes/topic_section.html",
        "topic": topic,
        "materials": materials,
        "visits": visits,
        "materials_index": materials_index,
        "visits_index": _index_url(request, "StudyVisitIndexPage"),
    }


def _index_url(request, model_name):
    from wagtail.models import Locale

    from resources import models

    index = getattr(models, model_name).objects.live().filter(locale=Locale.get_active()).first()
    return index.get_url(request) if index else None


@hooks.register("portal_seed_demo", order=30)
def seed_demo(context):
    from resources.demo import seed

    seed(context)


# --- Surveys (issue #8) -------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_survey_admin_urls():
    from django.urls import include, path

    from resources import survey_admin_urls

    return [
        path(
            "survey-results/",
            include((survey_admin_urls, "surveys_admin"), namespace="surveys_admin"),
        )
    ]


@hooks.register("register_admin_menu_item")
def survey_results_menu_item():
    from resources.survey_hooks import SurveyResultsMenuItem

    return SurveyResultsMenuItem()


@hooks.register("register_page_header_buttons")
def survey_header_buttons(page, user, view_name, next_url=None):
    from resources.survey_hooks import results_buttons

    yield from results_buttons(page, user, priority=12)


@hooks.register("register_page_listing_more_buttons")
def survey_listing_buttons(page, user, next_url=None):
    from resources.survey_hooks import results_buttons

    yield from results_buttons(page, user, priority=3)


@hooks.register("filter_form_submissions_for_user")
def keep_survey_answers_out_of_form_submissions(user, pages):
    # Survey answers are read only through the survey results views, which
    # check their own permission; Wagtail's "Forms" listing must not be a
    # second door (it lets anyone who may edit the page in).
    from resources.survey_hooks import exclude_surveys

    return exclude_surveys(pages)


@hooks.register("portal_seed_demo", order=50)
def seed_demo_survey(context):
    from resources.demo_surveys import seed

    seed(context)


# Training scenarios register their own hooks (admin map, analytics, My account).
from resources import scenario_hooks  # noqa: E402, F401
