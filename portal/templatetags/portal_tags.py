from django import template
from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.admin.templatetags.wagtailuserbar import get_page_instance, wagtailuserbar
from wagtail.models import Page, Site

from portal import request_cache
from portal.models.images import Rendition
from portal.models.taxonomy import topics_in_locale
from portal.page_cache import generations
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
    # The page's ancestors come with its translations: the breadcrumbs
    # (below the page's language links) need them next.
    wanted = _crumb_paths(page) if _has_crumbs(page) else []
    found = list(
        Page.objects.filter(
            Q(translation_key=page.translation_key, live=True) | Q(path__in=wanted)
        ).select_related("locale")
    )
    if wanted:
        ancestors = sorted((p for p in found if p.path in wanted), key=lambda p: p.path)
        _remembered_crumbs(request, page, lambda: _crumbs(request, ancestors))
    translations = {}
    for translated in found:
        if translated.translation_key == page.translation_key and translated.live:
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


@register.simple_tag(takes_context=True)
def portal_userbar(context, position="bottom-right"):
    """Wagtail's user bar (`wagtailuserbar`), rendered once per user, page
    and generation of content and users: its permission checks, the page's
    parent and the user's admin profile cost several queries per page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    if not user.has_perm("wagtailadmin.access_admin"):
        return ""
    if any(
        getattr(request, name, None)
        for name in ("revision_id", "in_preview_panel", "is_preview", "is_dummy")
    ):
        return wagtailuserbar(context, position)
    page = get_page_instance(context)
    parts = [
        user.pk,
        page.pk if page is not None else None,
        request.get_host(),
        position,
        translation.get_language(),
    ]
    html = remembered(
        "userbar",
        parts,
        lambda: str(wagtailuserbar(context, position)),
        tags=(generations.CONTENT, request_cache.USERS),
    )
    return mark_safe(html)  # noqa: S308 - Wagtail's own rendering


def _has_crumbs(page):
    return bool(page.depth and page.depth > 2)


def _crumb_paths(page):
    """The paths of the page's ancestors below the root (`get_ancestors`)."""
    return [page.path[: depth * page.steplen] for depth in range(2, page.depth)]


def _crumbs(request, ancestors):
    return [
        {"url": ancestor.get_url(request), "title": ancestor.title, "depth": ancestor.depth}
        for ancestor in ancestors
    ]


def _remembered_crumbs(request, page, compute):
    return remembered(
        "breadcrumbs",
        [page.pk, request.get_host() if request else "", translation.get_language()],
        compute,
    )


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, current_title=None):
    page = page or context.get("page")
    items = []
    if isinstance(page, Page) and _has_crumbs(page):
        request = context.get("request")
        items = _remembered_crumbs(
            request, page, lambda: _crumbs(request, page.get_ancestors().filter(depth__gt=1))
        )
    return {
        "items": items,
        "page": page,
        "current_title": current_title or (page.title if page else ""),
    }


@register.simple_tag(takes_context=True)
def home_hero(context):
    """The home page's hero (its image, its link's page in the visitor's
    language), rendered once per content generation."""
    request = context.get("request")
    page = context.get("page")
    if request is None or getattr(request, "is_dummy", False):
        # A preview shows the draft, not what is kept of the live page.
        return render_to_string("pages/includes/home_hero.html", {"page": page}, request)

    def compute():
        _read_hero_image(page)
        return render_to_string("pages/includes/home_hero.html", {"page": page}, request)

    return remembered(
        "home-hero",
        [page.pk, request.get_host() if request else "", translation.get_language()],
        compute,
    )


def _read_hero_image(page):
    """The hero image with its renditions, in one query (the image, then
    its rendition, cost two): Wagtail's `get_rendition` picks among the
    renditions given to the image (and makes one when none fits)."""
    if not page.hero_image_id or "hero_image" in page._state.fields_cache:
        return
    renditions = list(Rendition.objects.filter(image_id=page.hero_image_id).select_related("image"))
    if not renditions:
        return
    image = renditions[0].image
    for rendition in renditions:
        rendition.image = image
    image.prefetched_renditions = renditions
    page.hero_image = image


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
