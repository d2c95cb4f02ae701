"""Django's Redis cache, for which an unreachable Redis is an empty cache.

With Django's own backend, every request that touches the cache fails while
Redis is down or unreachable: Wagtail reads the site's root paths from it, the
page cache and the remembered Site and settings read from it, so the whole
portal answered 500 (74 of 87 public addresses, and every sign-in), although
the database, which holds everything that matters, was there.

With this one, while Redis does not answer, it behaves as Django's DummyCache
(a cache that keeps nothing): reads miss and writes are dropped, so
pages are rendered from the database, as with the page cache off, and
sessions, kept in the database behind the cache (`cached_db`), stay valid.
After a connection fails, nothing is tried for RETRY_AFTER seconds, so a Redis
that times out costs one request per process that long, not every request.

A dropped write could leave a value that is no longer true in Redis (a page
cache generation that should have changed, a calendar version, a session
that was ended), for when it answers again. So every key whose write or delete
was dropped is remembered by the process that dropped it, and deleted by it
before anything else is read or written once Redis answers: a missing
generation is a new one (every page that depended on it is stale), a missing
session is read from the database. Past MAX_REMEMBERED keys, every key of the
cache's prefix is deleted instead. A process that ends before Redis answers
(a worker replaced, a scheduled command) cannot do this; the README's
production section says what an operator does about it (run Redis without
persistence, so that a restarted Redis is empty, and empty the cache after a
network split in which content changed).

`incr` of an unreachable cache raises ValueError, as for a key that does not
exist, which its callers already handle (the rate limits then let the attempt
through; the calendar version restarts from the clock). `add` answers True,
as DummyCache does, except for a two-factor code being marked as used
(ONE_TIME_MARKERS): that code is refused, so that it cannot be used twice;
members with two-factor authentication cannot finish signing in until Redis
answers (those signed in stay signed in)."""

import logging
import threading
import time
from functools import partial

import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

UNREACHABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
RETRY_AFTER = 5.0
MAX_REMEMBERED = 10_000
DELETE_BATCH = 500
# Keys that add() marks a code as used with (allauth's two-factor codes):
# while Redis does not answer, such a code is refused rather than accepted
# twice.
ONE_TIME_MARKERS = ("allauth.mfa.totp.used?",)


class Outage:
    """What this process knows of one Redis server's outage; shared by the
    cache's instances in every thread of the process."""

    def __init__(self):
        self.lock = threading.RLock()
        self.retry_at = 0.0
        self.unwritten = {}  # keys, in the order their writes were dropped
        self.everything = False  # more keys than MAX_REMEMBERED were dropped
        self.overflows = 0  # how many times `everything` was set

    def waiting(self):
        return time.monotonic() < self.retry_at

    def started(self, error):
        with self.lock:
            first = self.retry_at == 0.0
            self.retry_at = time.monotonic() + RETRY_AFTER
        if first:
            logger.warning("Redis unreachable, serving without the cache: %s", error)

    def dropped(self, keys):
        with self.lock:
            for key in keys:
                self.unwritten.pop(key, None)
                self.unwritten[key] = None
            if len(self.unwritten) > MAX_REMEMBERED:
                self.dropped_everything()

    def dropped_everything(self):
        with self.lock:
            self.unwritten.clear()
            self.everything = True
            self.overflows += 1

    def pending(self):
        return self.everything or bool(self.unwritten)

    def ended(self):
        if not self.retry_at:  # the usual case, every operation: no lock
            return
        with self.lock:
            if self.retry_at:
                logger.warning("Redis answers again")
            self.retry_at = 0.0


_outages = {}
_outages_lock = threading.Lock()


def outage_of(servers):
    with _outages_lock:
        return _outages.setdefault(tuple(servers), Outage())


class ResilientRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, key_prefix="", **options):
        super().__init__(servers, **options)
        self.outage = outage_of(servers)
        self.key_prefix = key_prefix
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        # Django makes a new redis.Redis for every operation, and each one
        # builds its table of about 80 response callbacks: 1.2 ms of a
        # member's directory search. One per connection pool is enough (the
        # pool hands out the connections; each thread has its own cache).
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client

    def _attempt(self, operation, miss, written=()):
        """operation() as Redis answers it, or `miss` when it cannot: then
        the keys in `written` are remembered as not written."""
        outage = self.outage
        if outage.waiting():
            outage.dropped(written)
            return miss()
        try:
            if outage.pending():
                self._forget_unwritten()
            result = operation()
        except UNREACHABLE as error:
            outage.started(error)
            outage.dropped(written)
            return miss()
        outage.ended()
        return result

    def _forget_unwritten(self):
        outage = self.outage
        with outage.lock:
            keys = list(outage.unwritten)
            everything = outage.everything
            overflows = outage.overflows
        client = self.get_client(None, write=True)
        try:
            if everything:
                # The cache's own keys only: the Redis database may be shared.
                _delete_in_batches(
                    client, client.scan_iter(match=f"{self.key_prefix}:*", count=DELETE_BATCH)
                )
            _delete_in_batches(client, keys)
        except UNREACHABLE:
            raise
        except redis.RedisError:
            # A Redis that answers but refuses (read-only replica, out of
            # memory): the keys stay remembered, the operation goes on.
            logger.exception("Could not delete the keys written during the Redis outage")
            return
        with outage.lock:
            for key in keys:
                outage.unwritten.pop(key, None)
            # Unless more was dropped meanwhile, by another thread.
            if everything and outage.overflows == overflows:
                outage.everything = False

    def add(self, key, value, timeout):
        # True, as Django's DummyCache answers: nothing was there, and nothing
        # is kept. A lock taken with add() (allauth's rate limits) does not
        # wait for a Redis that does not answer. But a code that may be used
        # once (a two-factor code) is refused: it could be used again.
        once = any(marker in key for marker in ONE_TIME_MARKERS)
        return self._attempt(
            partial(RedisCacheClient.add, self, key, value, timeout),
            _false if once else _true,
            [key],
        )

    def get(self, key, default):
        return self._attempt(partial(RedisCacheClient.get, self, key, default), lambda: default)

    def set(self, key, value, timeout):
        return self._attempt(partial(RedisCacheClient.set, self, key, value, timeout), _none, [key])

    def touch(self, key, timeout):
        return self._attempt(partial(RedisCacheClient.touch, self, key, timeout), _false, [key])

    def delete(self, key):
        return self._attempt(partial(RedisCacheClient.delete, self, key), _false, [key])

    def get_many(self, keys):
        keys = list(keys)
        return self._attempt(partial(RedisCacheClient.get_many, self, keys), dict)

    def has_key(self, key):
        return self._attempt(partial(RedisCacheClient.has_key, self, key), _false)

    def incr(self, key, delta):
        def unreachable():
            raise ValueError(f"Key '{key}' not found (the cache is unreachable).")

        return self._attempt(partial(RedisCacheClient.incr, self, key, delta), unreachable, [key])

    def set_many(self, data, timeout):
        return self._attempt(
            partial(RedisCacheClient.set_many, self, data, timeout), _none, list(data)
        )

    def delete_many(self, keys):
        keys = list(keys)
        return self._attempt(partial(RedisCacheClient.delete_many, self, keys), _none, keys)

    def clear(self):
        def later():
            self.outage.dropped_everything()
            return False

        return self._attempt(partial(RedisCacheClient.clear, self), later)


def _delete_in_batches(client, keys):
    batch = []
    for key in keys:
        batch.append(key)
        if len(batch) == DELETE_BATCH:
            client.delete(*batch)
            batch = []
    if batch:
        client.delete(*batch)


def _true():
    return True


def _false():
    return False


def _none():
    return None


class ResilientRedisCache(RedisCache):
    """Set as the cache BACKEND in production (portal/settings/production.py)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
        self._options = {**self._options, "key_prefix": self.key_prefix}

    def reachable(self):
        """Whether Redis answers now (for the health check)."""
        self.has_key("health")
        return not self._cache.outage.waiting()
