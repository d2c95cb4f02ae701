from wagtail import hooks

from directory.visibility import is_member
from resources import personal_data
from resources.models import MaterialIndexPage, StudyVisitIndexPage
from resources.privacy import refuse_members_only_document
from resources.queries import (
    for_institution,
    index_urls,
    latest_materials,
    latest_study_visits,
    without_members_only,
)

# Wagtail only autodiscovers <app>.wagtail_hooks: load the features' own hooks.
from resources.scenarios import wagtail_hooks as scenario_hooks  # noqa: F401
from resources.surveys import wagtail_hooks as survey_hooks  # noqa: F401


@hooks.register("portal_index_page_models")
def index_page_models():
    return [MaterialIndexPage, StudyVisitIndexPage]


@hooks.register("before_serve_document")
def protect_members_only_documents(document, request):
    return refuse_members_only_document(document, request)


@hooks.register("portal_search_exclude")
def exclude_members_only_pages(request, pages):
    """Members-only materials and training scenarios (MembersOnlyPageMixin)
    stay out of site search for everyone else."""
    return pages if is_member(request.user) else without_members_only(pages)


@hooks.register("portal_home_sections", order=30)
def home_section(request, home_page):
    materials = latest_materials(request)
    visits = latest_study_visits(request)
    if not materials and not visits:
        return None
    materials_index, visits_index = index_urls(request, MaterialIndexPage, StudyVisitIndexPage)
    return {
        "template": "resources/includes/home_section.html",
        "materials": materials,
        "visits": visits,
        "materials_index": materials_index,
        "visits_index": visits_index,
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
    materials_index, visits_index = index_urls(request, MaterialIndexPage, StudyVisitIndexPage)
    return {
        "template": "resources/includes/topic_section.html",
        "topic": topic,
        "materials": materials,
        "visits": visits,
        "materials_index": materials_index,
        "visits_index": visits_index,
    }


@hooks.register("portal_personal_data")
def resources_personal_data(user):
    return personal_data.describe(user)


@hooks.register("portal_erase_personal_data")
def erase_resources_personal_data(user):
    personal_data.erase(user)
