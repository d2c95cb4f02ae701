"""Bump the generations when what pages show changes.

Every model's saves and deletes count (see `generations.tags_for_table`), so a
new snippet, setting or directory model is covered without being listed
here. Wagtail's page signals are connected too: publishing, unpublishing and
moving a page change the tree that navigation and listings read, and
Wagtail may do part of it with queryset updates, which send no signal.

Writes that bypass signals (queryset `update()`, `bulk_create()`) call
`portal.page_cache.bump` themselves: events.services (anonymised
registrations), resources.signals (download counts)."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.page_cache import generations


def row_changed(sender, instance, **kwargs):
    generations.bump_table(sender._meta.db_table, instance)


def links_changed(sender, action, instance, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        generations.bump_table(sender._meta.db_table)
        generations.bump_table(type(instance)._meta.db_table)


def page_changed(sender, **kwargs):
    generations.bump(generations.CONTENT)


def connect():
    # Per model rather than for every sender: a model with a post_delete
    # receiver loses Django's fast delete, which sessions and mail rows keep.
    for model in apps.get_models():
        if generations.is_ignored(model._meta.db_table):
            continue
        post_save.connect(
            row_changed, sender=model, dispatch_uid=f"page_cache_save_{model._meta.label}"
        )
        post_delete.connect(
            row_changed, sender=model, dispatch_uid=f"page_cache_delete_{model._meta.label}"
        )
    m2m_changed.connect(links_changed, dispatch_uid="page_cache_links")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(page_changed, dispatch_uid=f"page_cache_{id(signal)}")
