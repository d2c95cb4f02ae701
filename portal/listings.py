"""Listings in a language show what has not been translated yet, marked.

A Polish listing built only from Polish pages hides every event or material
that exists in English alone, and nobody is told (issue: 9 events in Polish,
10 in English). Listings therefore take the children of the index page in the
visitor's language plus the children of its default-language source that have
no live translation, and mark those as being in their own language.
"""

from django.db.models import Q
from wagtail.models import Locale


def children_with_untranslated(model, index_page):
    """`model` pages below `index_page`, and below its default-language
    source those that are not (yet) live in the index page's language."""
    children = model.objects.child_of(index_page)
    default = Locale.get_default()
    if index_page.locale_id == default.pk:
        return children
    source_index = index_page.get_translation_or_none(default)
    if source_index is None:
        return children
    translated = model.objects.live().child_of(index_page).values("translation_key")
    untranslated = (
        model.objects.child_of(source_index).exclude(translation_key__in=translated).values("pk")
    )
    return model.objects.filter(Q(pk__in=children.values("pk")) | Q(pk__in=untranslated))


def mark_other_language(pages, locale=None):
    """Set `other_language` (a language code) on each page not in `locale`
    (the active one by default), for templates to say "in English" and to
    put the right `lang` on its title."""
    locale = locale or Locale.get_active()
    codes = None
    for page in pages:
        page.other_language = None
        if page.locale_id != locale.pk:
            if codes is None:
                codes = dict(Locale.objects.values_list("pk", "language_code"))
            page.other_language = codes.get(page.locale_id)
    return pages
