from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Locale, Page

from portal import search_query, sections
from portal.visibility import visible_pages

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    query = search_query.clean(request.GET.get("q", ""))
    error = None
    results_page = None
    search_sections = []
    if len(query) > MAX_QUERY_LENGTH:
        error = _("Your search is too long; use at most %(max)d characters.") % {
            "max": MAX_QUERY_LENGTH
        }
        query = ""
    status = 400 if error else 200
    if query:
        pages = visible_pages(request, Page.objects.filter(locale=Locale.get_active()))
        # Apps hide what this visitor may not see beyond page view restrictions
        # (e.g. members-only materials): `fn(request, queryset) -> queryset`.
        for exclude in hooks.get_hooks("portal_search_exclude"):
            pages = exclude(request, pages)
        # Apps add what is not a page (e.g. the directory's institutions),
        # on the first page of results only:
        # `fn(request, query) -> {"template": ..., ...} or None`.
        if request.GET.get("page", "1") == "1":
            search_sections = sections.collect("portal_search_sections", request, query)
        results = pages.specific().search(search_query.parse(query))
        paginator = Paginator(results, RESULTS_PER_PAGE)
        try:
            results_page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results_page = paginator.page(1)
        except EmptyPage:
            results_page = paginator.page(paginator.num_pages)
    return render(
        request,
        "portal/search.html",
        {
            "search_query": query,
            "results": results_page,
            "sections": search_sections,
            "error": error,
        },
        status=status,
    )
