"""An event read in someone's language.

Registrations belong to the event's page in the default language (one
capacity, one waiting list); whoever reads about them — on My account, in the
personal calendar feed — should see the event's own page in their language."""

from wagtail.models import Locale

from events.models import EventPage


def in_language(events, language_code, *, prefetch=()):
    """Each event's live translation in `language_code`, or the event itself
    where it has none; one query for all of them."""
    locale = Locale.objects.filter(language_code=language_code).first()
    wanted = {e.translation_key for e in events if locale and e.locale_id != locale.pk}
    translations = {}
    if wanted:
        translations = {
            page.translation_key: page
            for page in EventPage.objects.live()
            .filter(translation_key__in=wanted, locale=locale)
            .prefetch_related(*prefetch)
        }
    return [translations.get(e.translation_key, e) for e in events]
