"""Which pages a visitor may see: the single rule that search, listings and
feeds share."""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction


def restricted_paths_for(request):
    """Tree paths of restricted pages this visitor does not pass."""
    return [
        restriction.page.path
        for restriction in PageViewRestriction.objects.select_related("page").prefetch_related(
            "groups"
        )
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
