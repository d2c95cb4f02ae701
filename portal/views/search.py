from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.template.defaultfilters import truncatewords
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Locale, Page, Site, get_page_models

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
    the pages `ids` in their order: kept per page until content changes.
    What is not kept comes from one query, whatever the kinds of page."""
    language = get_language()
    host = request.get_host()
    cards = remembered_many(
        "search-card",
        {pk: [pk, host, language] for pk in ids},
        lambda missing: {
            page.pk: card(request, page, page.card_introduction)
            for page in Page.objects.filter(pk__in=missing).annotate(
                card_introduction=_introduction()
            )
        },
    )
    return [cards[pk] for pk in ids if pk in cards]


def _introduction():
    """The page's `introduction` from its own kind's table (without a
    query per kind of page, as `.specific()` makes)."""
    found = []
    for model in get_page_models():
        try:
            field = model._meta.get_field("introduction")
        except FieldDoesNotExist:
            continue
        if field.model is model:
            rows = model._base_manager.filter(pk=OuterRef("pk")).order_by()
            found.append(Subquery(rows.values("introduction")[:1]))
    return Coalesce(*found, Value(""), output_field=TextField())


def card(request, page, introduction=None):
    if introduction is None:
        introduction = getattr(page, "introduction", "")
    text = page.search_description or truncatewords(introduction, 40)
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
        # The Site first: found after the cache is emptied, it brings the
        # site root paths every address below needs (portal.request_cache).
        Site.find_for_request(request)
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
