"""While Redis does not answer, the portal serves from the database
(portal/redis_cache.py); when Redis answers again, nothing it kept from
before the outage is served if this process failed to change it."""

import socket
import uuid

import pytest
import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from events.models import EventPage
from portal import redis_cache
from portal.redis_cache import ResilientRedisCache
from tests.factories import DEFAULT_PASSWORD

REAL_REDIS = "redis://127.0.0.1:6379/13"


def closed_port():
    """A local port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(autouse=True)
def fresh_outages(monkeypatch):
    monkeypatch.setattr(redis_cache, "_outages", {})


@pytest.fixture
def unreachable():
    return ResilientRedisCache(
        f"redis://127.0.0.1:{closed_port()}/0",
        {"KEY_PREFIX": "test", "OPTIONS": {"socket_connect_timeout": 1}},
    )


@pytest.fixture
def reachable():
    try:
        redis.Redis.from_url(REAL_REDIS, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    prefix = f"resilient-{uuid.uuid4().hex[:8]}"
    cache = ResilientRedisCache(REAL_REDIS, {"KEY_PREFIX": prefix})
    yield cache
    client = redis.Redis.from_url(REAL_REDIS)
    for key in client.scan_iter(match=f"{prefix}*"):
        client.delete(key)


def test_an_unreachable_redis_is_an_empty_cache_that_keeps_nothing(unreachable):
    assert unreachable.get("generation", "default") == "default"
    assert unreachable.get_many(["a", "b"]) == {}
    assert unreachable.has_key("a") is False
    # add() succeeds, as on Django's DummyCache: a lock taken with it
    # (allauth's rate limits) is not waited for.
    assert unreachable.add("lock", True) is True
    unreachable.set("a", 1)
    assert unreachable.set_many({"a": 1, "b": 2}) == []
    assert unreachable.delete("a") is False
    unreachable.delete_many(["a", "b"])
    assert unreachable.touch("a") is False
    with pytest.raises(ValueError, match="not found"):
        unreachable.incr("count")
    assert unreachable.get("a") is None
    assert unreachable.reachable() is False


def test_after_a_failed_connection_nothing_is_tried_for_a_while(unreachable, monkeypatch):
    tried = []
    real_get = RedisCacheClient.get

    def counting_get(self, key, default):
        tried.append(key)
        return real_get(self, key, default)

    monkeypatch.setattr(RedisCacheClient, "get", counting_get)
    for _ in range(20):
        assert unreachable.get("page") is None
    assert tried == [unreachable.make_key("page")]

    # Once RETRY_AFTER has passed, one request tries again.
    monkeypatch.setattr(redis_cache, "RETRY_AFTER", 0)
    unreachable._cache.outage.retry_at = 0.001
    assert unreachable.get("page") is None
    assert len(tried) == 2


def drop_writes_once(cache):
    """The next operations fail as when Redis stops answering; `recover()`
    lets Redis answer again."""
    failing = pytest.MonkeyPatch()

    def refused(*args, **kwargs):
        raise redis.exceptions.ConnectionError("Connection refused.")

    for name in ("set", "set_many", "delete", "incr", "add", "clear"):
        failing.setattr(RedisCacheClient, name, refused)

    def recover():
        failing.undo()
        cache._cache.outage.retry_at = 0.001

    return recover


def test_a_value_this_process_failed_to_change_is_not_served_after_the_outage(
    reachable, monkeypatch
):
    reachable.set("pagecache:generation:content", "before")
    reachable.set("calendar:version", 7)
    reachable.set("unrelated", "kept")
    recover = drop_writes_once(reachable)

    # A publication during the outage: the new generation could not be written.
    reachable.set_many({"pagecache:generation:content": "after"})
    with pytest.raises(ValueError):
        reachable.incr("calendar:version")
    # Another app server, which Redis still answers, reads the old value.
    other_server = RedisCache(REAL_REDIS, {"KEY_PREFIX": reachable.key_prefix})
    assert other_server.get("pagecache:generation:content") == "before"

    recover()
    # The first read after the outage deletes what could not be written:
    # no page stored under the old generation is served again.
    assert reachable.get("pagecache:generation:content") is None
    assert other_server.get("calendar:version") is None
    assert reachable.get("unrelated") == "kept"
    assert reachable.reachable() is True
    assert not reachable._cache.outage.pending()


def test_past_the_bound_every_key_of_the_cache_is_deleted_after_the_outage(reachable, monkeypatch):
    monkeypatch.setattr(redis_cache, "MAX_REMEMBERED", 2)
    neighbour = ResilientRedisCache(REAL_REDIS, {"KEY_PREFIX": f"{reachable.key_prefix}x"})
    neighbour.set("theirs", 1)
    for number in range(5):
        reachable.set(f"kept-{number}", number)
    recover = drop_writes_once(reachable)
    for number in range(3):
        reachable.set(f"page-{number}", "new")
    assert reachable._cache.outage.everything

    recover()
    assert reachable.get_many([f"kept-{number}" for number in range(5)]) == {}
    assert not reachable._cache.outage.pending()
    # Another cache's keys in the same Redis database are left alone.
    assert neighbour.get("theirs") == 1


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.redis_cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "KEY_PREFIX": "portal",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def test_with_redis_down_pages_sign_in_and_health_still_work(redis_down, demo, member, client):
    # Wagtail's site root paths, the page cache and the remembered settings
    # all live in the cache: with Django's own backend each of these was a 500.
    event = EventPage.objects.live().filter(locale__language_code="en").first()
    for path in (
        "/",
        "/pl/",
        "/events/",
        event.url,
        "/directory/",
        "/resources/",
        "/search/?q=border",
        "/events/calendar/feed.ics",
    ):
        assert client.get(path).status_code == 200, path

    signed_in = client.post(
        "/accounts/login/", {"login": member.email, "password": DEFAULT_PASSWORD}
    )
    assert signed_in.status_code == 302
    # The session is kept in the database: the member stays signed in.
    page = client.get("/account/")
    assert page.status_code == 200
    assert page.wsgi_request.user == member

    health = client.get("/health/")
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "database": "ok", "cache": "unreachable"}


def test_one_redis_client_serves_every_operation(reachable, monkeypatch):
    # Django builds a redis.Redis (with its ~80 response callbacks) for every
    # operation; a member's directory search makes about 14.
    made = []
    real_init = redis.Redis.__init__

    def counting_init(self, *args, **kwargs):
        made.append(1)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counting_init)
    for number in range(10):
        reachable.set(f"key-{number}", number)
        assert reachable.get(f"key-{number}") == number
    assert reachable.get_many(["key-1", "key-2"]) == {"key-1": 1, "key-2": 2}
    assert len(made) == 1


def test_a_two_factor_code_is_refused_rather_than_accepted_twice(unreachable):
    # allauth marks a used code with add(); True would let it be used again.
    assert unreachable.add("allauth.mfa.totp.used?user=1&code=123456", "y", 90) is False
    assert unreachable.add("allauth.mfa.totp.used?user=1&code=123456", "y", 90) is False
    assert unreachable.add("allauth.ratelimit.lock", True) is True


def test_a_clear_during_the_outage_empties_the_cache_after_it(reachable):
    reachable.set("page", "before")
    recover = drop_writes_once(reachable)
    assert reachable.clear() is False
    recover()
    assert reachable.get("page") is None


def test_a_redis_that_refuses_the_deletes_keeps_them_for_later(reachable, monkeypatch):
    reachable.set("generation", "before")
    recover = drop_writes_once(reachable)
    reachable.set("generation", "after")
    recover()

    def read_only(self, *keys):
        raise redis.exceptions.ReadOnlyError("You can't write against a read only replica.")

    refusing = pytest.MonkeyPatch()
    refusing.setattr(redis.Redis, "delete", read_only)
    # The read is answered; the key is still to be deleted.
    assert reachable.get("other", "default") == "default"
    assert reachable._cache.outage.pending()
    refusing.undo()
    assert reachable.get("generation") is None
    assert not reachable._cache.outage.pending()
