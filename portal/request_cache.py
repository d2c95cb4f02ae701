"""What every request asks the database before a page does any work (its
Site, the locales, the site settings, the view restrictions, a signed-in
user's permissions) and what rarely changes on a page (navigation, user
bar, breadcrumbs, search result cards), kept in Django's cache under the
page cache's generations and, within one request, in memory.

Invalidation is the page cache's (`portal.page_cache.generations`): every
change of what pages show bumps the "content" generation, a user's row (and
here their email addresses and admin profile) bumps "users"; a value is used
only while the generations it was stored under are current. A request reads
the generations once, when it first needs one, with the values nearly every request
needs (one round trip to the cache); a change it makes itself (any model the
page cache counts) makes it read them again."""

import contextvars
import logging
import re

from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db.models import BooleanField, Exists, F, IntegerField, OuterRef, Q, Value
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.cache_keys import make_key
from portal.page_cache import generations, schedule

logger = logging.getLogger(__name__)

USERS = "users"
SEARCH_INDEX = "search-index"
TAGS = (generations.CONTENT, USERS, SEARCH_INDEX)


class _Request:
    """What one request has remembered: the generations (read once, with the
    values every request needs, in one round trip), and the values."""

    def __init__(self, request=None, also=()):
        self.gens = None
        self.found = {}
        self.values = {}
        # The request, and the keys fetched with the generations.
        self.request = request
        self.also = list(also)


_state = contextvars.ContextVar("portal_request_cache", default=None)


# Parts such as ids, languages and host names make readable keys; anything
# else (a search query...) is digested by `make_key`.
READABLE_PART = re.compile(r"^[A-Za-z0-9._-]{1,40}$")


def _key(name, parts):
    texts = [str(part) for part in parts]
    if all(READABLE_PART.match(text) for text in texts):
        return ":".join(["portal:remembered", name, *texts])
    return make_key(f"portal:remembered:{name}", parts)


def _seconds():
    return int(getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 600))


def _generations(state, also=()):
    """{tag: generation} of TAGS: the request's (read at its first use,
    together with the keys `also`), or the cache's now outside a request."""
    if state is not None and state.gens is not None:
        return state.gens
    if state is not None and not also:
        also = state.also
    gen_keys = [generations.key(tag) for tag in TAGS]
    found = cache.get_many([*gen_keys, *also])
    gens = generations.current(TAGS, found={k: found[k] for k in gen_keys if k in found})
    if state is not None:
        state.gens = gens
        state.found = {k: v for k, v in found.items() if k not in gen_keys}
    return gens


def remembered(name, parts, compute, tags=(generations.CONTENT,)):
    """compute(), or what it returned before while the generations of `tags`
    (of TAGS) are unchanged; `parts` say what else the value depends on
    (site, language, user...). A request reads the generations once, and
    each value at most once."""
    key = _key(name, parts)
    state = _state.get()
    if state is not None and key in state.values:
        return state.values[key]
    try:
        gens = _generations(state)
        wanted = tuple(gens[tag] for tag in tags)
        prefetched = state.found if state is not None else {}
        entry = prefetched.pop(key) if key in prefetched else cache.get(key)
    except Exception:
        logger.exception("Cache unavailable")
        return compute()
    if entry is not None and entry[0] == wanted:
        value = entry[1]
    else:
        value = compute()
        try:
            cache.set(key, (wanted, value), _seconds())
        except Exception:
            logger.exception("Cache unavailable")
    if state is not None:
        state.values[key] = value
    return value


def remembered_many(name, parts_by_id, compute_missing, tags=(generations.CONTENT,)):
    """{id: value} for every id of `parts_by_id` ({id: parts}), from the
    cache in one round trip; `compute_missing(ids)` gives {id: value} for
    the ids not kept or out of date."""
    if not parts_by_id:
        return {}
    keys = {item: _key(name, parts) for item, parts in parts_by_id.items()}
    try:
        gens = _generations(_state.get())
        wanted = tuple(gens[tag] for tag in tags)
        found = cache.get_many(list(keys.values()))
    except Exception:
        logger.exception("Cache unavailable")
        return compute_missing(list(parts_by_id))
    values = {}
    for item, key in keys.items():
        entry = found.get(key)
        if entry is not None and entry[0] == wanted:
            values[item] = entry[1]
    missing = [item for item in parts_by_id if item not in values]
    if missing:
        computed = compute_missing(missing)
        values.update(computed)
        try:
            cache.set_many(
                {keys[item]: (wanted, value) for item, value in computed.items()}, _seconds()
            )
        except Exception:
            logger.exception("Cache unavailable")
    return values


def key(name, parts):
    """The cache key `remembered(name, parts, ...)` keeps its value under."""
    return _key(name, parts)


def generation(tag=generations.CONTENT):
    """The generation of `tag` (of TAGS): the request's, read once with the
    rest (see `_generations`), or the cache's now outside a request. Raises
    what the cache raises."""
    return _generations(_state.get())[tag]


def read_with_generations(cache_key):
    """Have every request fetch `cache_key` (a value that, like a
    generation, says what is current, e.g. another app's data version) in
    the round trip that reads the generations; `shared_value` reads it."""
    if cache_key not in EVERY_REQUEST:
        EVERY_REQUEST.append(cache_key)


def shared_value(cache_key, new):
    """The value of `cache_key` in the cache, read once per request (with
    the generations when `read_with_generations` asked for it) and again
    after `forget`; outside a request, read now. Missing, `new()` is added
    (or what another server added first is used). With the cache down,
    `new()`: a value under which nothing was stored."""
    state = _state.get()
    memo = ("shared", cache_key)
    if state is not None and memo in state.values:
        return state.values[memo]
    try:
        value = None
        if state is not None:
            _generations(state)
            value = state.found.get(cache_key)
        if value is None and (state is None or cache_key not in state.also):
            value = cache.get(cache_key)
        if value is None:
            cache.add(cache_key, new(), None)
            value = cache.get(cache_key)
    except Exception:
        logger.exception("Cache unavailable")
        value = None
    # A cache that keeps nothing, or is down: a value that matches nothing.
    value = value or new()
    if state is not None:
        state.values[memo] = value
    return value


def forget(*args, **kwargs):
    """Something changed during this request: it reads the generations and
    the values again."""
    state = _state.get()
    if state is not None:
        state.gens = None
        state.found = {}
        state.values.clear()


class RequestCacheMiddleware:
    """Gives each request its own memory of remembered values. Nothing is
    read until something asks: a view that needs none of it (the health
    check, an export, a redirect) pays nothing. The first value asked for
    brings the generations and what every page needs (its Site, the
    locales, the restricted paths) in one round trip to the cache; finding
    the Site (`site_for_request`) brings what pages of it read in a second."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site_key = _site_key(request)
        also = [site_key, *EVERY_REQUEST] if site_key is not None else []
        token = _state.set(_Request(request, also))
        try:
            return self.get_response(request)
        finally:
            _state.reset(token)


def prefetch(state, request, site):
    """What pages of `site` read on every request (the settings, the
    navigation and footer, the home page's address, the signed-in user's
    permissions), in one more round trip."""
    if site is None or state.gens is None:
        return
    language = translation.get_language()
    try:
        host = request.get_host()
    except DisallowedHost:
        return
    keys = [
        _key("site-settings", [site.pk]),
        _key("navigation", [site.pk, language]),
        _key("footer", [site.pk, language]),
        _key("home-url", [site.pk, host, language]),
    ]
    session = getattr(request, "session", None)
    user_id = session.get(SESSION_KEY) if session is not None else None
    if user_id is not None:
        keys.append(_key("permissions", [user_id]))
    try:
        state.found.update(cache.get_many(keys))
    except Exception:
        logger.exception("Cache unavailable")


# Kept values almost every request reads, fetched with the generations.
EVERY_REQUEST = [_key("locales", []), _key("view-restriction-paths", [])]


def _site_parts(request):
    try:
        return [split_domain_port(request._get_raw_host())[0], request.get_port()]
    except Exception:  # a malformed Host header is Django's to refuse
        return None


def _site_key(request):
    parts = _site_parts(request)
    return None if parts is None else _key("site", parts)


def install_site_lookup():
    """Wagtail's `Site.find_for_request` (asked by routing, settings, the
    user bar...) from `find_site`, and on the request's first ask, what the
    pages of that site read on every request (`prefetch`)."""
    if getattr(Site.find_for_request, "portal_cached", False):
        return

    def find_for_request(cls, request):
        if request is None:
            return None
        if not hasattr(request, "_wagtail_site"):
            found = find_site(request)
            site = found[0] if found is not None else cls._find_for_request(request)
            request._wagtail_site = site
            state = _state.get()
            if state is not None and state.request is request:
                prefetch(state, request, site)
        return request._wagtail_site

    find_for_request.portal_cached = True
    Site.find_for_request = classmethod(find_for_request)


def find_site(request):
    """(Wagtail's `Site.find_for_request`,) remembered per host and port;
    None when the Host header cannot be read (left to Wagtail and Django)."""
    parts = _site_parts(request)
    if parts is None:
        return None
    return remembered("site", parts, lambda: (_find_site(*parts),))


# The Site's columns, read with its root page's row (`_find_site`).
SITE_COLUMNS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")


def _find_site(hostname, port):
    """The Site Wagtail's `get_site_for_hostname` chooses, its root page as
    its own class (Wagtail routes every request from
    `site.root_page.localized.specific`), with what the same rows also
    give: Wagtail's site root paths (`Site.get_site_root_paths`, which
    every page address needs) and the home page in each language. One
    query: the root pages in every language, each with its home page row
    and the Sites rooted at it, and their settings (`SiteSettings.for_site`,
    which every page shows), instead of the six queries those cost
    separately after the cache is emptied."""
    from portal.models import HomePage, SiteSettings  # noqa: PLC0415
    from portal.routing import joined_specific, specific_links  # noqa: PLC0415

    links = specific_links([HomePage])
    settings_columns = [field.attname for field in SiteSettings._meta.concrete_fields]
    # The page cache's next scheduled change (every page it keeps asks),
    # when it is not kept already: its subqueries hang on these rows.
    next_change = schedule.Piggyback()
    rows = list(
        Page.objects.filter(translation_key__in=Site.objects.values("root_page__translation_key"))
        .select_related("locale", *links.values())
        .annotate(
            **{
                f"rooted_site_{column}": F(f"sites_rooted_here__{column}")
                for column in SITE_COLUMNS
            },
            **{
                f"rooted_settings_{column}": F(f"sites_rooted_here__sitesettings__{column}")
                for column in settings_columns
            },
            **next_change.subqueries,
        )
        .order_by("path")
    )
    next_change.keep_from(rows[0] if rows else None)
    translations = list({page.pk: page for page in rows}.values())
    sites, settings_rows = [], {}
    for page in rows:
        if page.rooted_site_id is None:
            continue
        values = [getattr(page, f"rooted_site_{column}") for column in SITE_COLUMNS]
        site = Site.from_db(Site.objects.db, list(SITE_COLUMNS), values)
        site.root_page = page
        sites.append(site)
        settings_rows[site.pk] = [getattr(page, f"rooted_settings_{c}") for c in settings_columns]
    # Wagtail's order (`get_site_for_hostname`, `get_site_root_paths`).
    sites.sort(key=lambda site: site.hostname)
    sites.sort(key=lambda site: (site.root_page.url_path, site.is_default_site), reverse=True)
    site = _choose_site(sites, hostname, port)
    if site is None:
        return site
    if settings_rows[site.pk][0] is not None:
        # (A Site without settings yet has them made by `for_site`.)
        found = SiteSettings.from_db(
            SiteSettings.objects.db, settings_columns, settings_rows[site.pk]
        )
        remembered("site-settings", [site.pk], lambda: found)
    specific = {page.pk: joined_specific(page, links) for page in translations}
    root = site.root_page
    site.root_page = specific[root.pk] or root.specific
    _keep_site_root_paths(sites, translations)
    _keep_localized_home(site.root_page, [specific[page.pk] or page for page in translations])
    return site


def _choose_site(sites, hostname, port):
    """`wagtail.models.sites.get_site_for_hostname` over rows already read."""
    ranked = []
    for site in sites:
        if site.hostname == hostname and site.port == port:
            ranked.append((0, site))
        elif site.hostname == hostname and site.is_default_site:
            ranked.append((1, site))
        elif site.is_default_site:
            ranked.append((2, site))
        elif site.hostname == hostname:
            ranked.append((3, site))
    ranked.sort(key=lambda item: item[0])
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][0] in (0, 1):
        return ranked[0][1]
    if ranked[0][0] == 2:
        return ranked[len(ranked) == 2][1]
    return None


def _keep_site_root_paths(sites, translations):
    """What `Site.get_site_root_paths` would compute (a query per site), in
    Wagtail's own cache key, unless it is there already."""
    from wagtail.models.sites import (  # noqa: PLC0415
        SITE_ROOT_PATHS_CACHE_KEY,
        SITE_ROOT_PATHS_CACHE_VERSION,
        SiteRootPath,
    )

    paths = []
    for site in sites:
        root = site.root_page
        if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            paths += [
                SiteRootPath(site.id, page.url_path, site.root_url, page.locale.language_code)
                for page in translations
                if page.translation_key == root.translation_key
            ]
        else:
            paths.append(
                SiteRootPath(site.id, root.url_path, site.root_url, root.locale.language_code)
            )
    try:
        cache.add(SITE_ROOT_PATHS_CACHE_KEY, paths, 3600, version=SITE_ROOT_PATHS_CACHE_VERSION)
    except Exception:
        logger.exception("Cache unavailable")


def _keep_localized_home(root, translations):
    """`HomePage.localized` in each language the home page is translated
    to (remembered the same way), from the rows read for the root paths."""
    from portal.models import HomePage  # noqa: PLC0415

    if not isinstance(root, HomePage):
        return
    for page in translations:
        if page.translation_key != root.translation_key or not isinstance(page, HomePage):
            continue
        shown = page if page.live or page.pk == root.pk else root
        remembered(
            "localized-home", [root.pk, page.locale.language_code], lambda shown=shown: shown
        )


# --- locales ------------------------------------------------------------------------


def locales():
    """{language_code: Locale} of Wagtail's `Locale.objects`."""
    return remembered("locales", [], lambda: _locales_and_restriction_paths(keep_paths=True)[0])


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
    return remembered(
        "view-restriction-paths", [], lambda: _locales_and_restriction_paths(keep_locales=True)[1]
    )


def _locales_and_restriction_paths(keep_locales=False, keep_paths=False):
    """(`locales()`, `restriction_paths()`) from one query, the one not
    asked for kept for its next ask: every page needs both after each
    change of content. The locales' rows and the paths of the pages with a view
    restriction or an alias' source, in one UNION ALL."""
    kind = Value(0, output_field=IntegerField())
    restricted = Exists(PageViewRestriction.objects.filter(page=OuterRef("pk")))
    pages = (
        Page.objects.annotate(kind=Value(1, output_field=IntegerField()), restricted=restricted)
        .filter(Q(restricted=True) | Q(alias_of__isnull=False))
        .order_by()
        .values_list("alias_of_id", "path", "kind", "restricted")
    )
    rows = (
        Locale.objects.annotate(kind=kind, restricted=Value(False, output_field=BooleanField()))
        .order_by()
        .values_list("id", "language_code", "kind", "restricted")
        .union(pages, all=True)
    )
    found, restricted_paths, aliases = [], [], []
    for number, text, is_page, is_restricted in rows:
        if not is_page:
            found.append(Locale.from_db(Locale.objects.db, ["id", "language_code"], [number, text]))
            continue
        if is_restricted:
            restricted_paths.append(text)
        if number is not None:
            aliases.append(text)
    found.sort(key=lambda locale: locale.pk)
    codes = {locale.language_code: locale for locale in found}
    paths = (sorted(restricted_paths), sorted(aliases))
    if keep_locales:
        remembered("locales", [], lambda: codes)
    if keep_paths:
        remembered("view-restriction-paths", [], lambda: paths)
    return codes, paths


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
    restricted, _aliases = restriction_paths()
    if not restricted:
        # No page has one (both are kept per content generation).
        return []
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


def user_changed(sender, created=False, **kwargs):
    """A user's admin profile (theme, language of the user bar) or email
    addresses changed: tables the page cache ignores, but what is remembered
    per user shows them. (Wagtail creates a profile with the defaults the
    first time it reads it: nothing shown changes then.)"""
    if created and sender._meta.label == "wagtailusers.UserProfile":
        return
    generations.bump(USERS)
    forget()


def connect():
    from allauth.account.models import EmailAddress  # noqa: PLC0415
    from wagtail.users.models import UserProfile  # noqa: PLC0415

    for model in (UserProfile, EmailAddress):
        post_save.connect(user_changed, sender=model, dispatch_uid=f"request_cache_user_{model}")
        post_delete.connect(
            user_changed, sender=model, dispatch_uid=f"request_cache_user_gone_{model}"
        )
    install_locale_lookup()
    install_site_lookup()
    # Every change the page cache counts (its receivers are per model too).
    for model in apps.get_models():
        if generations.is_ignored(model._meta.db_table):
            continue
        label = model._meta.label
        post_save.connect(forget, sender=model, dispatch_uid=f"request_cache_save_{label}")
        post_delete.connect(forget, sender=model, dispatch_uid=f"request_cache_delete_{label}")
    m2m_changed.connect(forget, dispatch_uid="request_cache_links")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget, dispatch_uid=f"request_cache_{id(signal)}")
