from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def health(request):
    """For load balancers: 200 when the database answers, 503 otherwise.
    The cache is reported but not required: without Redis the portal serves
    every page from the database (portal/redis_cache.py)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse(
            {"status": "unavailable", "database": "unreachable", "cache": cache_status()},
            status=503,
        )
    return JsonResponse({"status": "ok", "database": "ok", "cache": cache_status()})


def cache_status():
    reachable = getattr(caches["default"], "reachable", None)
    if reachable is None or reachable():
        return "ok"
    return "unreachable"
