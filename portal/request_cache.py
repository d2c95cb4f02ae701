"""What every request asks the database before a page does any work (its
Site, the locales, the site settings, the view restrictions, a signed-in
user's permissions), kept in Django's cache under the page cache's
generations (`portal.page_cache.fragments.remember`) and, within one
request, in memory.

Invalidation is the page cache's: a change of any of these rows bumps the
"content" generation (a user's own row bumps "users"), so the next request
reads them afresh. Within a request, a save of one of the remembered models
forgets what this request remembered (a view that changes a setting and then
renders sees the change)."""

import contextvars
import logging

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.cache_keys import make_key
from portal.page_cache import generations
from portal.page_cache.fragments import remember

logger = logging.getLogger(__name__)

_memo = contextvars.ContextVar("portal_request_memo", default=None)

USERS = "users"


def remembered(name, parts, compute, tags=(generations.CONTENT,)):
    """`remember(name, parts, compute, tags)`, asked at most once per request."""
    memo = _memo.get()
    key = (name, tuple(parts))
    if memo is not None and key in memo:
        return memo[key]
    value = remember(name, parts, compute, tags)
    if memo is not None:
        memo[key] = value
    return value


def remembered_many(name, parts_by_id, compute_missing, tags=(generations.CONTENT,)):
    """{id: value} for every id of `parts_by_id` ({id: parts}), from the
    cache in one round trip; `compute_missing(ids)` gives {id: value} for the
    ids not kept (each kept then under the same generations)."""
    if not parts_by_id:
        return {}
    seconds = int(getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 600))
    try:
        gens = generations.current(tags)
        keys = {
            item: make_key(f"pagecache:fragment:{name}", parts, gens)
            for item, parts in parts_by_id.items()
        }
        found = cache.get_many(list(keys.values()))
    except Exception:
        logger.exception("Cache unavailable")
        return compute_missing(list(parts_by_id))
    values = {item: found[key][0] for item, key in keys.items() if key in found}
    missing = [item for item in parts_by_id if item not in values]
    if missing:
        computed = compute_missing(missing)
        values.update(computed)
        try:
            cache.set_many({keys[item]: (value,) for item, value in computed.items()}, seconds)
        except Exception:
            logger.exception("Cache unavailable")
    return values


def forget(*args, **kwargs):
    """Something remembered changed during this request."""
    memo = _memo.get()
    if memo:
        memo.clear()


class RequestCacheMiddleware:
    """Gives each request its own memory of remembered values, and finds the
    request's Site through it (Wagtail reads `request._wagtail_site`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            found = find_site(request)
            if found is not None:
                request._wagtail_site = found[0]
            return self.get_response(request)
        finally:
            _memo.reset(token)


def find_site(request):
    """(Wagtail's `Site.find_for_request`,) remembered per host and port;
    None when the Host header cannot be read (left to Wagtail and Django)."""
    try:
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
    except Exception:  # a malformed Host header is Django's to refuse
        return None

    def compute():
        site = Site._find_for_request(request)
        if site is not None and site.root_page is not None:
            # Kept with the Site, as its own class (the home page's
            # `localized` is remembered too): Wagtail routes every request
            # from `site.root_page.localized.specific`.
            site.root_page = site.root_page.specific
        return (site,)

    return remembered("site", [hostname, port], compute)


# --- locales ------------------------------------------------------------------------


def locales():
    """{language_code: Locale} of Wagtail's `Locale.objects`."""
    return remembered(
        "locales",
        [],
        lambda: {locale.language_code: locale for locale in Locale.objects.order_by("pk")},
    )


def install_locale_lookup():
    """`Locale.objects.get_for_language` (behind `Locale.get_active`,
    `Locale.get_default` and every `.localized`) from `locales()` instead of
    one query per call."""
    from wagtail.coreutils import get_supported_content_language_variant  # noqa: PLC0415
    from wagtail.models.i18n import LocaleManager  # noqa: PLC0415

    if getattr(LocaleManager.get_for_language, "portal_cached", False):
        return
    original = LocaleManager.get_for_language

    def get_for_language(self, language_code):
        if self.model is not Locale:
            return original(self, language_code)
        code = get_supported_content_language_variant(language_code)
        try:
            return locales()[code]
        except KeyError:
            raise Locale.DoesNotExist(f"No locale for {code!r}") from None

    get_for_language.portal_cached = True
    LocaleManager.get_for_language = get_for_language


# --- view restrictions --------------------------------------------------------------


def restriction_paths():
    """(paths of pages with a view restriction, paths of alias pages)."""

    def compute():
        restricted = list(
            PageViewRestriction.objects.values_list("page__path", flat=True).distinct()
        )
        aliases = list(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))
        return (restricted, aliases)

    return remembered("view-restriction-paths", [], compute)


def may_be_restricted(page):
    """False when neither `page` nor an ancestor has a view restriction (or
    is an alias, whose source's restrictions would apply): then Wagtail's
    check needs no query."""
    restricted, aliases = restriction_paths()
    path = page.path or ""
    return any(path.startswith(prefix) for prefix in (*restricted, *aliases))


def view_restrictions():
    """Every PageViewRestriction with its page and groups, for checks of
    many pages at once (search)."""
    return remembered(
        "view-restrictions",
        [],
        lambda: list(PageViewRestriction.objects.select_related("page").prefetch_related("groups")),
    )


# --- permissions --------------------------------------------------------------------


def permissions_of(user):
    """(the user's own permissions, their groups') as Django's ModelBackend
    names them, remembered until content (groups, permissions) or the
    user's row changes."""

    def compute():
        backend = ModelBackend()
        return (
            set(backend.get_user_permissions(user)),
            set(backend.get_group_permissions(user)),
        )

    return remembered("permissions", [user.pk], compute, tags=(generations.CONTENT, USERS))


def user_changed(sender, **kwargs):
    """A user's admin profile (theme, language of the user bar) or email
    addresses changed: tables the page cache ignores, but what is remembered
    per user shows them."""
    generations.bump(USERS)


def connect():
    from allauth.account.models import EmailAddress  # noqa: PLC0415
    from wagtail.users.models import UserProfile  # noqa: PLC0415

    from portal.models import SiteSettings  # noqa: PLC0415

    for model in (UserProfile, EmailAddress):
        post_save.connect(user_changed, sender=model, dispatch_uid=f"request_cache_user_{model}")
        post_delete.connect(
            user_changed, sender=model, dispatch_uid=f"request_cache_user_gone_{model}"
        )

    install_locale_lookup()
    for model in (Site, Locale, PageViewRestriction, Page, Group, Permission, SiteSettings):
        post_save.connect(forget, sender=model, dispatch_uid=f"request_cache_save_{model}")
        post_delete.connect(forget, sender=model, dispatch_uid=f"request_cache_delete_{model}")
    m2m_changed.connect(forget, dispatch_uid="request_cache_links")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget, dispatch_uid=f"request_cache_{id(signal)}")
