from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from portal.models.taxonomy import topics_in_locale

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
    links = []
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    translations = {}
    if isinstance(page, Page) and page.pk:
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translated.locale.language_code] = translated
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            local_name = translation.gettext(name)
        url = None
        missing, missing_label = False, ""
        if isinstance(page, Page) and page.pk:
            translated = translations.get(code)
            if translated is not None:
                with translation.override(code):
                    url = translated.get_url(request)
            elif code in locales:
                # No live version in that language: say so, in that language,
                # rather than drop the visitor on its home page.
                missing = True
                with translation.override(code):
                    url = reverse("translation_missing", args=[page.pk])
                    missing_label = translation.gettext("not translated")
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
    home = site.root_page.localized
    return home.get_url(request) or "/"


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
