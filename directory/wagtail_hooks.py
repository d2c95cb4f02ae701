from django.urls import reverse
from django.utils.http import urlencode
from wagtail import hooks
from wagtail.admin.site_summary import SummaryItem

from directory import personal_data
from directory.exchange import tokens
from directory.help.views import language_versions
from directory.models import DirectoryIndexPage, Institution, Membership, OutdatedReport
from directory.viewsets import DirectoryViewSetGroup
from directory.visibility import is_member
from portal.index_pages import index_page


@hooks.register("register_admin_viewset")
def register_directory_viewsets():
    return DirectoryViewSetGroup()


@hooks.register("portal_index_page_models")
def directory_index_pages():
    return [DirectoryIndexPage]


def _directory_url():
    # The one in any language when this one has none, as `views.directory_page`.
    page = index_page(DirectoryIndexPage, any_language=True)
    return (page.url if page else None) or reverse("directory:index")


@hooks.register("portal_home_sections", order=1)
def help_home_section(request, home_page):
    """First on the home page: the way to hotlines, in the four languages of
    the help page, each link in its own language."""
    return {"template": "directory/sections/help.html", "versions": language_versions(None)}


@hooks.register("portal_home_sections", order=10)
def directory_home_section(request, home_page):
    totals = Institution.objects.totals(is_member(request.user))
    if not totals["institutions"]:
        return None
    return {
        "template": "directory/sections/home.html",
        "url": _directory_url(),
        "institutions": totals["institutions"],
        "hotlines": totals["hotlines"],
        "focal_points": totals["focal_points"],
    }


@hooks.register("portal_account_sections")
def directory_account_section(request):
    memberships = list(Membership.objects.filter(user=request.user).select_related("institution"))
    return {"template": "directory/sections/account.html", "memberships": memberships}


@hooks.register("portal_account_sections", order=15)
def api_tokens_account_section(request):
    return tokens.account_section(request)


TOPIC_SECTION_SIZE = 12
SEARCH_SECTION_SIZE = 5


def _institutions_section(template, institutions, size, url):
    """The first `size` institutions by name and a link to all of them in the
    directory; counted only when there are more than shown."""
    shown = list(institutions.order_by("name")[: size + 1])
    if not shown:
        return None
    more = len(shown) > size
    return {
        "template": template,
        "institutions": shown[:size],
        "more": more,
        "total": institutions.count() if more else len(shown),
        "url": url,
    }


@hooks.register("portal_topic_sections")
def directory_topic_section(request, topic):
    return _institutions_section(
        "directory/sections/topic.html",
        Institution.objects.filter(competences__slug=topic.slug).distinct(),
        TOPIC_SECTION_SIZE,
        f"{_directory_url()}?topic={topic.slug}",
    )


@hooks.register("portal_search_sections", order=10)
def directory_search_section(request, query):
    """Institutions whose names, city or (for members) people match, above the
    page results: someone typing "Straż Graniczna Chełm" wants the institution."""
    return _institutions_section(
        "directory/sections/search.html",
        Institution.objects.search(query, is_member(request.user)),
        SEARCH_SECTION_SIZE,
        f"{_directory_url()}?{urlencode({'q': query})}",
    )


class PendingMembershipsSummaryItem(SummaryItem):
    """On the admin dashboard: requests waiting for a moderator, and reports
    of outdated entries, each linking to its filtered queue."""

    order = 50
    template_name = "directory/admin/summary_item.html"

    def get_context_data(self, parent_context):
        return {
            "requests": Membership.objects.requested().count(),
            "reports": OutdatedReport.objects.unresolved().count(),
        }

    def is_shown(self):
        return self.request.user.has_perm("directory.change_membership")


@hooks.register("construct_homepage_summary_items")
def add_directory_summary_item(request, items):
    items.append(PendingMembershipsSummaryItem(request))


@hooks.register("portal_personal_data")
def directory_personal_data(user):
    return personal_data.describe(user)


@hooks.register("portal_erase_personal_data")
def erase_directory_personal_data(user):
    personal_data.erase(user)
