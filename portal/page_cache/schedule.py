"""When pages change by themselves: an event starts or ends, registration
opens or closes, a survey opens or closes (upcoming becomes past, "open"
becomes "closed"). No cached page outlives the next such moment, nor the next
local midnight (dates shown relative to today).

Apps name their moments with the `portal_page_cache_schedule` hook: a
function returning [(model, [datetime field names])]. The next moment is
kept in the cache under the generation of the SCHEDULE tag, which every
change of those models bumps; it is computed again at once by the process
that changed them, so pages being rendered rarely pay for it."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Subquery
from django.utils import timezone
from wagtail import hooks

KEY = "pagecache:next-change"

logger = logging.getLogger(__name__)

_tables = None


def sources():
    return [source for hook in hooks.get_hooks("portal_page_cache_schedule") for source in hook()]


def tables():
    """The tables whose changes move the schedule."""
    global _tables  # noqa: PLW0603 - computed once, after every app's hooks are registered
    if _tables is None:
        _tables = frozenset(model._meta.db_table for model, _fields in sources())
    return _tables


def compute(now=None):
    """The next moment (a timestamp) at which a page changes by itself."""
    now = now or timezone.now()
    nexts = subqueries(now)
    found = {}
    if nexts:
        # One query for every source (it runs after each change of them,
        # and on the first page after the cache is emptied): the subqueries
        # hang on a row that always exists, a content type in use.
        anchor = ContentType.objects.get_for_model(sources()[0][0])
        found = ContentType.objects.filter(pk=anchor.pk).values(**nexts).first() or {}
    return earliest(now, found)


def subqueries(now):
    """{name: subquery} of the next moment of each source after `now`, for
    `compute`'s query or another one that every page runs anyway (see
    `earliest`)."""
    nexts = {}
    for number, (model, fields) in enumerate(sources()):
        for name in fields:
            following = model.objects.filter(**{f"{name}__gt": now}).order_by(name)
            nexts[f"next_{number}_{name}"] = Subquery(following.values(name)[:1])
    return nexts


def earliest(now, found):
    """`compute`'s answer from the values of `subqueries(now)` ({name: moment
    or None}): the first of them, or the next local midnight."""
    local = timezone.localtime(now)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0) + timezone.timedelta(days=1)
    moments = [midnight, *(moment for moment in found.values() if moment is not None)]
    return min(moments).timestamp()


def store(generation, *, keep_earlier=False):
    value = compute()
    if keep_earlier:
        previous = cache.get(KEY)
        if previous and previous[1] > timezone.now().timestamp():
            value = min(value, previous[1])
    keep(generation, value)
    return value


def keep(generation, value):
    """Keep `value`, the next moment computed under the schedule's
    `generation` (read before the rows were)."""
    timeout = max(int(value - timezone.now().timestamp()), 1)
    cache.set(KEY, (generation, value), timeout)


def _wanted(now):
    """The schedule's generation when the next moment is not kept for it,
    else None."""
    from portal.page_cache import generations  # noqa: PLC0415 - it imports this module

    gen_key = generations.key(generations.SCHEDULE)
    found = cache.get_many([gen_key, KEY])
    generation = generations.current(
        (generations.SCHEDULE,), found={k: v for k, v in found.items() if k == gen_key}
    )[generations.SCHEDULE]
    kept = found.get(KEY)
    if kept and kept[0] == generation and kept[1] > now.timestamp():
        return None
    return generation


class Piggyback:
    """The next moment computed inside another query that every page runs
    anyway (portal.request_cache's Site query), when it is not kept: that
    query annotates its rows with `subqueries` (none when the moment is
    kept) and hands its first row to `keep_from`. A cache that does not
    answer only means the moment is computed later, by `next_change`."""

    def __init__(self, now=None):
        self.now = now or timezone.now()
        try:
            self.generation = _wanted(self.now)
        except Exception:
            logger.exception("Cache unavailable")
            self.generation = None
        self.subqueries = subqueries(self.now) if self.generation is not None else {}

    def keep_from(self, row):
        if not self.subqueries or row is None:
            return
        moment = earliest(self.now, {name: getattr(row, name) for name in self.subqueries})
        try:
            keep(self.generation, moment)
        except Exception:
            logger.exception("Cache unavailable")


def next_change(now, generation):
    """The next moment, as a timestamp, for the schedule's `generation`
    (read before the pages' rendering began)."""
    found = cache.get(KEY)
    if found and found[0] == generation and found[1] > now:
        return found[1]
    return store(generation)
