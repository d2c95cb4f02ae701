from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.template.defaultfilters import truncatewords
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Locale, Page

from portal import search_query, sections
from portal.request_cache import remembered_many
from portal.visibility import visible_pages

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def result_cards(request, pages):
    """What a result shows (address, title, kind of page, description), for
    `pages` in their order: kept per page until content changes, so a
    page of results needs no query per kind of page."""
    language = get_language()
    host = request.get_host()
    cards = remembered_many(
        "search-card",
        {page.pk: [page.pk, host, language] for page in pages},
        lambda ids: {
            page.pk: card(request, page) for page in Page.objects.filter(pk__in=ids).specific()
        },
    )
    return [cards[page.pk] for page in pages if page.pk in cards]


def card(request, page):
    text = page.search_description or truncatewords(getattr(page, "introduction", ""), 40)
    return {
        "url": page.get_url(request),
        "title": page.title,
        "kind": str(page.specific_class.get_verbose_name()),
        "text": text,
    }


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
        results = pages.search(search_query.parse(query))
        paginator = Paginator(results, RESULTS_PER_PAGE)
        try:
            results_page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results_page = paginator.page(1)
        except EmptyPage:
            results_page = paginator.page(paginator.num_pages)
        results_page.object_list = result_cards(request, list(results_page.object_list))
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
