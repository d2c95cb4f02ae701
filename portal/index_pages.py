"""The live index pages of the site's sections (directory, events, materials,
study visits...), for the links other pages show to them.

The home page links to four of them and asked for each in a query of its
own. Apps name their index page types with the ``portal_index_page_models``
hook (a function returning a list of page models); every such page, in
every language, is read in one query and kept until content changes.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail import hooks
from wagtail.models import Locale, Page

from portal.request_cache import remembered

HOOK = "portal_index_page_models"


def _models():
    return [model for build in hooks.get_hooks(HOOK) for model in build()]


def _all():
    """{model label: [(locale id, page), ...]}, the pages as plain Page
    objects (enough for their addresses and titles), in tree order."""

    def compute():
        types = ContentType.objects.get_for_models(*_models())
        labels = {content_type.pk: model._meta.label for model, content_type in types.items()}
        found = {label: [] for label in labels.values()}
        pages = Page.objects.live().filter(content_type_id__in=labels).order_by("path")
        for page in pages:
            found[labels[page.content_type_id]].append((page.locale_id, page))
        return found

    return remembered("index-pages", [], compute)


def index_page(model, any_language=False):
    """The first live page of type `model` (a page type some app names with
    the hook) in the active language, or, with `any_language`, in any
    language when there is none in this one; None if there is none."""
    pages = _all().get(model._meta.label)
    if pages is None:
        raise LookupError(f"{model._meta.label} is not named by the {HOOK} hook")
    locale_id = Locale.get_active().pk
    for page_locale_id, page in pages:
        if page_locale_id == locale_id:
            return page
    if any_language and pages:
        return pages[0][1]
    return None
