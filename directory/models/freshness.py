"""When a directory record counts as stale: not verified within
DIRECTORY_STALE_AFTER_DAYS (a year by default), or never. The list badge, the
admin filter and column, and the monthly reminders all read it from here."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


def stale_after_days():
    return getattr(settings, "DIRECTORY_STALE_AFTER_DAYS", 365)


def stale_before():
    """Records verified before this date (or never) are stale; computed per
    call so that a long-running server does not keep an old date."""
    return timezone.localdate() - datetime.timedelta(days=stale_after_days())


def stale_condition():
    return Q(last_verified_at__isnull=True) | Q(last_verified_at__lt=stale_before())


class FreshnessQuerySet(models.QuerySet):
    def stale(self):
        return self.filter(stale_condition())

    def fresh(self):
        return self.exclude(stale_condition())


class StaleMixin:
    """For models with a ``last_verified_at`` date field."""

    @property
    def is_stale(self):
        return self.last_verified_at is None or self.last_verified_at < stale_before()
