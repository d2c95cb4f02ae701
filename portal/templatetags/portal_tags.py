from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.models import Page, Site

from portal import request_cache
from portal.models.taxonomy import topics_in_locale
from portal.request_cache import remembered

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language that keeps the visitor on the same content.

    On a Wagtail page that is the page's live translation when one exists (its
    slug may differ), otherwise a page that says, in that language, that there
    is no translation yet (`missing`); elsewhere the same route under the other
    language's prefix.
    """
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    is_page = isinstance(page, Page) and page.pk
    page_links = {}
    if is_page:
        host = request.get_host() if request is not None else ""
        page_links = remembered(
            "language-links", [page.pk, host], lambda: _page_language_links(request, page)
        )
    links = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            local_name = translation.gettext(name)
        url, missing, missing_label = page_links.get(code, (None, False, ""))
        if url is None and request is not None:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {
                "code": code,
                "name": local_name,
                "url": url or "/",
                "active": code == current,
                "missing": missing,
                "missing_label": missing_label,
            }
        )
    return links


def _page_language_links(request, page):
    """{language code: (url, missing, missing label)} of a Wagtail page: its
    live translation, or else a page that says, in that language, that
    there is no translation yet (rather than drop the visitor on its home
    page)."""
    locales = request_cache.locales()
    translations = {}
    for translated in page.get_translations(inclusive=True).live().select_related("locale"):
        translations[translated.locale.language_code] = translated
    links = {}
    for code, _name in settings.LANGUAGES:
        translated = translations.get(code)
        if translated is not None:
            with translation.override(code):
                links[code] = (translated.get_url(request), False, "")
        elif code in locales:
            with translation.override(code):
                links[code] = (
                    reverse("translation_missing", args=[page.pk]),
                    True,
                    translation.gettext("not translated"),
                )
    return links


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, current_title=None):
    page = page or context.get("page")
    items = []
    if isinstance(page, Page) and page.depth and page.depth > 2:
        items = list(page.get_ancestors().filter(depth__gt=1).specific(defer=True))
    return {
        "items": items,
        "page": page,
        "current_title": current_title or (page.title if page else ""),
    }


@register.simple_tag(takes_context=True)
def localized_home_url(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return "/"
    return remembered(
        "home-url",
        [site.pk, request.get_host(), translation.get_language()],
        lambda: site.root_page.localized.get_url(request) or "/",
    )


@register.filter
def in_locale_of(topics, page):
    """`page.topics.all|in_locale_of:page`: the topics in the page's language."""
    return topics_in_locale(topics, page.locale_id)


@register.simple_tag
def active_filter_count(form, ignore="sort,page"):
    """How many filters of a bound listing form are set (shown on the
    collapsed filter panel); sorting and paging are not filters."""
    if not getattr(form, "is_bound", False):
        return 0
    skip = set(ignore.split(","))
    count = 0
    for name in form.fields:
        if name in skip:
            continue
        values = form.data.getlist(name) if hasattr(form.data, "getlist") else [form.data.get(name)]
        if any(value not in ("", None) for value in values):
            count += 1
    return count
