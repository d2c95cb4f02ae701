"""Generations: what makes a cached page stale, kept in the shared cache.

Each *tag* has a generation value in Django's cache (Redis in production, so
every app server sees the same one). A cached page records the generations
of the tags it depends on when its rendering began; it is served only while
they are all unchanged. A change bumps a tag (a new random value), which
makes every page depending on it stale at once, on every server.

- "content": every page depends on it. Bumped by a change of any table
  except the ones below: pages and their translations, snippets, settings,
  topics, navigation, the directory, documents, images. Counting every table
  as content unless it is listed here errs on the side of fresh pages.
- TRACKED tables are written often (registrations, download counts, survey
  answers...); each has its own tag, and a page depends on it only when its
  rendering read that table (seen in its SQL) or said so (`depends_on`).
- SEATS ("seats") is the tag of every page showing seats, whichever event's:
  bumped when registrations change in bulk, without telling which events.
  Such pages also depend on the tags of the events they show (below), which
  single registrations bump.
- IGNORED tables never show on a public page (sessions, mail rows, task
  queue, revisions, logs, accounts' secrets); writing them bumps nothing.
- Tags of one row: a page may depend on a few rows of a tracked table only
  (the seats of the events it shows). The app names a tag per row family
  (`tag_rows`, e.g. "seats-<event>"); a change of such a row bumps its
  row's tags as well as the table's tag. A page declares what it reads
  with `depends_on` before it reads it, and reads it inside `reading`, so
  that its queries of the table do not make it depend on the whole table.
  Such a tag's generation is read when the page declares it, before the
  rows are read: a change committed after that makes the page stale.

A bump happens at once (so a test, or the same transaction, never reads a
page from before it) and again after the commit: a page rendered between
the first bump and the commit read the old rows, and the second bump makes
it stale. After the commit, a shared HTTP cache in front (Varnish) is told
to drop the objects carrying the tag (see `portal.page_cache.varnish`).
"""

import contextlib
import contextvars
import re
import threading
import uuid
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from portal.page_cache import schedule

KEY_PREFIX = "pagecache:generation:"
CONTENT = "content"
SEATS = "seats"
# Changes of the models with scheduled moments (portal.page_cache.schedule).
SCHEDULE = "schedule"

# Table -> tag, for tables that change often and only some pages show.
TRACKED_TABLES = {
    "events_registration": "registrations",
    "events_invitationcode": "invitations",
    "resources_documentdownload": "downloads",
    "resources_scenarioattempt": "scenario-attempts",
    "resources_scenariochoiceevent": "scenario-choices",
    "resources_surveyresponse": "survey-responses",
    "portal_user": "users",
    "wagtailsearch_indexentry": "search-index",
    "wagtailsearch_indexentry_fts": "search-index",
    "wagtailforms_formsubmission": "form-submissions",
}
TAGS = (CONTENT, SCHEDULE, SEATS, *sorted(set(TRACKED_TABLES.values())))
# Any tag, including the tags of rows: what Varnish's BAN accepts too.
TAG = re.compile(r"^[a-z0-9-]+$")

# Tables (or prefixes) that no public page shows.
IGNORED_TABLES = (
    "django_session",
    "django_admin_log",
    "django_tasks",
    "events_registrationmail",
    "events_calendarfeedtoken",
    "account_",
    "mfa_",
    "wagtailadmin_",
    "wagtailcore_revision",
    "wagtailcore_pagelogentry",
    "wagtailcore_modellogentry",
    "wagtailcore_workflowstate",
    "wagtailcore_taskstate",
    "wagtailcore_pagesubscription",
    "wagtailcore_comment",
    "wagtailcore_referenceindex",
    "wagtailimages_rendition",
    "portal_rendition",
    "wagtailusers_userprofile",
    "wagtailembeds_embed",
)

_local = threading.local()
_recording = contextvars.ContextVar("page_cache_recording", default=None)
# db_table -> function(row) giving the tags of that row (see tag_rows).
_row_tags = {}


def is_ignored(table):
    return table not in TRACKED_TABLES and table.startswith(IGNORED_TABLES)


def tags_for_table(table):
    """The tags a change of `table` bumps."""
    if table in TRACKED_TABLES:
        return (TRACKED_TABLES[table],)
    if is_ignored(table):
        return ()
    if table in schedule.tables():
        return (CONTENT, SCHEDULE)
    return (CONTENT,)


def tag_rows(model, tags_of_row):
    """A change of a row of `model` also bumps `tags_of_row(row)`: the tags
    of what that row changes (e.g. the seats of its event), on which pages
    showing only that depend instead of the table's tag."""
    _row_tags[model._meta.db_table] = tags_of_row


def tags_for_row(table, row):
    tags_of_row = _row_tags.get(table)
    return tuple(tags_of_row(row)) if tags_of_row is not None else ()


def key(tag):
    return KEY_PREFIX + tag


def _new_value():
    return uuid.uuid4().hex[:16]


def current(tags=TAGS, *, found=None):
    """{tag: generation} now. A generation missing from the cache (never
    set, or evicted) is created; never assumed, or a page stored under an
    evicted value could come back to life."""
    keys = {key(tag): tag for tag in tags}
    if found is None:
        found = cache.get_many(list(keys))
    missing = [k for k in keys if k not in found]
    if missing:
        for k in missing:
            cache.add(k, _new_value(), None)
        found = {**found, **cache.get_many(missing)}
    # A cache that keeps nothing (DummyCache) gives a value that matches no page.
    return {tag: found.get(k) or _new_value() for k, tag in keys.items()}


def _set_new(tags, *, committed):
    values = {tag: _new_value() for tag in tags}
    cache.set_many({key(tag): value for tag, value in values.items()}, None)
    if SCHEDULE in values:
        # Computed now by the writer rather than by the next page rendered.
        # Before the commit, the rows may yet be rolled back: the earlier of
        # the old and the new moment is kept until the commit says which.
        schedule.store(values[SCHEDULE], keep_earlier=not committed)


def bump(*tags):
    """Make every cached page that depends on `tags` stale: now, and again
    once the current transaction commits (then also in Varnish)."""
    tags = tuple(dict.fromkeys(tags or (CONTENT,)))
    for tag in tags:
        if not TAG.match(tag):
            raise ValueError(f"Not a cache tag: {tag!r}")
    connection = transaction.get_connection()
    _set_new(tags, committed=not connection.in_atomic_block)
    if not connection.in_atomic_block:
        _ban_in_front(tags)
        return
    # One callback per tag and transaction: a registration storm or a demo
    # load saves thousands of rows inside a few transactions. The list of
    # callbacks is replaced at each commit or rollback, which starts afresh.
    hooks = connection.run_on_commit
    pending = getattr(_local, "pending", None)
    if pending is None or pending[0] is not hooks:
        pending = (hooks, set())
        _local.pending = pending
    new = [tag for tag in tags if tag not in pending[1]]
    if new:
        pending[1].update(new)
        transaction.on_commit(partial(_after_commit, tuple(new)))


def _after_commit(tags):
    _set_new(tags, committed=True)
    _ban_in_front(tags)


def _ban_in_front(tags):
    # Wagtail's frontend cache backends import requests (for Cloudflare's),
    # several MB in every process: only where a cache in front is configured.
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from portal.page_cache import varnish  # noqa: PLC0415

        varnish.ban_tags(tags)


def bump_table(table, row=None):
    """A row of `table` changed (or several, when `row` is None)."""
    tags = tags_for_table(table)
    if row is not None:
        tags = (*tags, *tags_for_row(table, row))
    if tags:
        bump(*tags)


# --- what the page being rendered depends on -------------------------------------


class Recording:
    """Collects, while a page renders, the tags it depends on."""

    def __init__(self):
        self.tags = {CONTENT}
        self.cacheable = True
        # Generations of tags other than TAGS (rows' tags), read when declared.
        self.declared = {}
        # Tables whose reads are covered by declared tags (see `reading`).
        self.covered = set()

    def __call__(self, execute, sql, params, many, context):
        """A database execute wrapper: a query reading a tracked table makes
        the page depend on that table's tag."""
        for table, tag in TRACKED_TABLES.items():
            if tag not in self.tags and table not in self.covered and f'"{table}"' in sql:
                self.tags.add(tag)
        return execute(sql, params, many, context)

    def declare(self, tags):
        new = [tag for tag in tags if tag not in TAGS and tag not in self.declared]
        for tag in new:
            if not TAG.match(tag):
                raise ValueError(f"Not a cache tag: {tag!r}")
        if new:
            self.declared.update(current(new))
        self.tags.update(tags)


def start_recording():
    recording = Recording()
    return recording, _recording.set(recording)


def stop_recording(token):
    _recording.reset(token)


def depends_on(*tags):
    """The page being rendered shows something that changes with `tags`
    (e.g. the seats of an event, even when the number came from somewhere
    other than a query of the registrations). Call it before reading what
    the tags stand for: a row's tag has its generation read now."""
    recording = _recording.get()
    if recording is not None:
        recording.declare(tags)


@contextlib.contextmanager
def reading(*tables):
    """The queries inside read `tables` only for what the page has declared
    with `depends_on` (e.g. the seats of the events it shows): they do not
    make the page depend on the whole tables' tags."""
    recording = _recording.get()
    if recording is None:
        yield
        return
    before = set(recording.covered)
    recording.covered.update(tables)
    try:
        yield
    finally:
        recording.covered = before


def uncacheable():
    """The page being rendered must not be cached (it shows something that
    is not the same for every anonymous visitor)."""
    recording = _recording.get()
    if recording is not None:
        recording.cacheable = False
