from wagtail import hooks

from events import personal_data, sections

# Wagtail only autodiscovers <app>.wagtail_hooks: the sub-packages' hooks are imported here.
from events.admin import wagtail_hooks as admin_hooks  # noqa: F401
from events.calendar import wagtail_hooks as calendar_hooks  # noqa: F401
from events.models import EventIndexPage, EventPage, ExternalEvent


@hooks.register("portal_index_page_models")
def event_index_pages():
    return [EventIndexPage]


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


# --- Personal data (export and account deletion) -------------------------------------


@hooks.register("portal_personal_data")
def events_personal_data(user):
    return personal_data.describe(user)


@hooks.register("portal_erase_personal_data")
def erase_events_personal_data(user):
    personal_data.erase(user)


@hooks.register("portal_page_cache_schedule")
def event_moments():
    """Cached pages expire when an event starts or ends (upcoming becomes
    past) and when its registration opens or closes."""
    return [
        (EventPage, ["start", "end", "registration_opens_at", "registration_closes_at"]),
        (ExternalEvent, ["start", "end"]),
    ]
