"""Which pages a visitor may see: the single rule that search, listings and
feeds share."""

from django.db.models import Q
from wagtail.models import Page

from portal import request_cache


def restricted_paths_for(request):
    """Tree paths of restricted pages this visitor does not pass (the
    restrictions are remembered until content changes)."""
    return [
        restriction.page.path
        for restriction in request_cache.view_restrictions()
        if not restriction.accept_request(request)
    ]


def visible_pages(request, queryset=None):
    queryset = Page.objects.all() if queryset is None else queryset
    queryset = queryset.live()
    hidden = restricted_paths_for(request)
    if hidden:
        excluded = Q()
        for path in hidden:
            excluded |= Q(path__startswith=path)
        queryset = queryset.exclude(excluded)
    return queryset


def public(queryset):
    """Wagtail's `queryset.public()` (no view restriction on the page or an
    ancestor) from the remembered restrictions instead of a query."""
    restricted, _aliases = request_cache.restriction_paths()
    if restricted:
        excluded = Q()
        for path in restricted:
            excluded |= Q(path__startswith=path)
        queryset = queryset.exclude(excluded)
    return queryset
