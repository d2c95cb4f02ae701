"""Which translations of a page are missing, drafts or out of date.

Shared by the editor's panel (seen before publishing) and the report of
missing and stale translations, so both say the same thing.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

MISSING = "missing"
DRAFT = "draft"
OUTDATED = "outdated"
CURRENT = "current"

STATUS_LABELS = {
    MISSING: _("Not translated"),
    DRAFT: _("Translation not published yet"),
    OUTDATED: _("Translation out of date"),
    CURRENT: _("Up to date"),
}


@dataclass
class TranslationState:
    source: Page
    locale: Locale
    status: str
    target: Page | None = None

    @property
    def label(self):
        return STATUS_LABELS[self.status]


def _state(source, locale, target, synced_at):
    if target is None or target.alias_of_id is not None:
        # An alias shows the original's text under the other language's address.
        return TranslationState(source, locale, MISSING, target)
    if not target.live:
        return TranslationState(source, locale, DRAFT, target)
    changed = source.last_published_at
    translated = synced_at or target.last_published_at
    if changed and translated and changed > translated:
        return TranslationState(source, locale, OUTDATED, target)
    return TranslationState(source, locale, CURRENT, target)


def translation_states(sources):
    """For each page in the default language, its state in every other
    language: {source.pk: [TranslationState, ...]}, in three queries."""
    sources = [page for page in sources if page.depth > 1]
    locales = list(Locale.objects.exclude(pk=Locale.get_default().pk).order_by("language_code"))
    if not sources or not locales:
        return {page.pk: [] for page in sources}
    keys = {page.translation_key for page in sources}
    targets = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys, locale__in=locales).only(
            "pk",
            "translation_key",
            "locale_id",
            "live",
            "alias_of_id",
            "last_published_at",
            "title",
            "depth",
            "path",
            "url_path",
            "content_type_id",
        )
    }
    synced = dict(
        TranslationSource.objects.filter(
            object_id__in=keys, locale=Locale.get_default()
        ).values_list("object_id", "last_updated_at")
    )
    return {
        source.pk: [
            _state(
                source,
                locale,
                targets.get((source.translation_key, locale.pk)),
                synced.get(source.translation_key),
            )
            for locale in locales
        ]
        for source in sources
    }


def problems(statuses=(MISSING, DRAFT, OUTDATED)):
    """Every live page in the default language whose translation is missing,
    unpublished or out of date, page by page in tree order."""
    sources = list(
        Page.objects.live()
        .filter(locale=Locale.get_default(), depth__gt=1)
        .order_by("path")
        .only("pk", "title", "depth", "path", "translation_key", "last_published_at", "locale_id")
    )
    states = translation_states(sources)
    return [
        state
        for source in sources
        for state in states.get(source.pk, [])
        if state.status in statuses
    ]
