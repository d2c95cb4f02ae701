from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.template.defaultfilters import truncatewords
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Locale, Page

from portal import search_query, sections
from portal.page_cache import generations
from portal.request_cache import SEARCH_INDEX, remembered, remembered_many
from portal.visibility import visible_pages

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def found_pages(pages, query, number):
    """{"count", "number", "ids"}: how many of `pages` match `query`, and the
    ids of those on page `number` of the results (the last page when beyond
    it). Kept until content or the search index changes, per query and per
    the SQL of `pages` (which says what this visitor may see)."""

    def compute():
        paginator = Paginator(pages.search(search_query.parse(query)), RESULTS_PER_PAGE)
        try:
            found = paginator.page(number)
        except PageNotAnInteger:
            found = paginator.page(1)
        except EmptyPage:
            found = paginator.page(paginator.num_pages)
        return {
            "count": paginator.count,
            "number": found.number,
            "ids": [page.pk for page in found.object_list],
        }

    # Read from the cache, the results show no query of the search index
    # that the anonymous page cache would see.
    generations.depends_on(SEARCH_INDEX)
    sql, params = pages.query.sql_with_params()
    return remembered(
        "search-results",
        [query, str(number), sql, repr(params)],
        compute,
        tags=(generations.CONTENT, SEARCH_INDEX),
    )


class KnownResults:
    """A page of results whose count is known: what a Paginator needs."""

    def __init__(self, count, ids):
        self._count = count
        self._ids = ids

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, index):
        return self._ids


def result_cards(request, ids):
    """What a result shows (address, title, kind of page, description), for
    the pages `ids` in their order: kept per page until content changes, so
    a page of results needs no query per kind of page."""
    language = get_language()
    host = request.get_host()
    cards = remembered_many(
        "search-card",
        {pk: [pk, host, language] for pk in ids},
        lambda missing: {
            page.pk: card(request, page) for page in Page.objects.filter(pk__in=missing).specific()
        },
    )
    return [cards[pk] for pk in ids if pk in cards]


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
        found = found_pages(pages, query, request.GET.get("page", 1))
        paginator = Paginator(KnownResults(found["count"], found["ids"]), RESULTS_PER_PAGE)
        results_page = paginator.page(found["number"])
        results_page.object_list = result_cards(request, found["ids"])
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
