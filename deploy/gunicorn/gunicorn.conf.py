"""Gunicorn settings for the portal in production (README, Production).

Run: gunicorn -c deploy/gunicorn/gunicorn.conf.py portal.wsgi:application

The application is imported once in the master process and the workers are
forked from it, so the ~100 MB of imported code and data (Django, Wagtail,
the apps) lie in memory pages the workers share instead of each holding its
own copy. Freezing the garbage collector's view of those objects before the
fork keeps a collection in a worker from touching, and so copying, them.
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
preload_app = True
# A worker is replaced after this many requests (with jitter so the workers
# do not restart together), which bounds what a long-running process gathers.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None


_warmed = False


def pre_fork(server, worker):
    global _warmed  # noqa: PLW0603 - once per master process
    # Django is imported by now (preload_app); these imports only bind names.
    from django.db import connections  # noqa: PLC0415

    from portal.warmup import warm_up  # noqa: PLC0415

    if not _warmed:
        warm_up()
        _warmed = True
    # No database connection or socket may be shared between processes:
    # close what warming up may have opened in the master.
    connections.close_all()
    gc.freeze()
