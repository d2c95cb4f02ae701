"""Calendar feeds: personal feed tokens and partner institutions' events."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_feed_token():
    return secrets.token_urlsafe(32)


class CalendarFeedToken(models.Model):
    """The secret in a user's personal calendar feed URL.

    It is shown on My account (so it is kept, not hashed) and compared in
    constant time; regenerating replaces it, and the old URL answers 404."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed_token",
        verbose_name=_("account"),
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self):
        return str(self.user)

    def regenerate(self):
        self.token = new_feed_token()
        self.save(update_fields=["token", "created_at"])


class ExternalCalendarSource(models.Model):
    """A partner institution's calendar: an uploaded file, or a feed URL that
    `manage.py refresh_calendar_imports` fetches."""

    name = models.CharField(_("name"), max_length=200)
    institution = models.ForeignKey(
        "directory.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calendar_sources",
    )
    url = models.URLField(
        _("feed URL"),
        blank=True,
        help_text=_(
            "An http(s) address of an .ics feed, refreshed regularly. Blank: uploads only."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_imported_at = models.DateTimeField(_("last imported"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("partner calendar")
        verbose_name_plural = _("partner calendars")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ExternalEventQuerySet(models.QuerySet):
    def in_window(self, since):
        return self.filter(end__gte=since, source__is_active=True)


class ExternalEvent(models.Model):
    """An event imported from a partner's calendar, matched by its UID."""

    source = models.ForeignKey(
        ExternalCalendarSource,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("partner calendar"),
    )
    uid = models.CharField(_("calendar identifier"), max_length=255)
    sequence = models.PositiveIntegerField(_("revision number"), default=0)
    last_modified = models.DateTimeField(_("last modified at the source"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    all_day = models.BooleanField(_("all day"), default=False)
    location = models.CharField(_("location"), max_length=255, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ExternalEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner event")
        verbose_name_plural = _("partner events")
        ordering = ["start", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "uid"], name="events_external_unique_uid")
        ]
        indexes = [models.Index(fields=["end"])]

    def __str__(self):
        return self.title
