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
    return outside(queryset, restricted_paths_for(request))


def public(queryset):
    """Wagtail's `queryset.public()` (no view restriction on the page or an
    ancestor) from the remembered restrictions instead of a query."""
    restricted, _aliases = request_cache.restriction_paths()
    return outside(queryset, restricted)


def outside(queryset, paths):
    """The pages of `queryset` neither at nor below any of `paths`."""
    if not paths:
        return queryset
    excluded = Q()
    for path in paths:
        excluded |= Q(path__startswith=path)
    return queryset.exclude(excluded)
