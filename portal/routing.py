"""Index pages that find their child page in one query.

Wagtail routes `/resources/<slug>/` by reading the child as a plain `Page`
and then its specific row (two queries). An index page whose children are
all of one type reads the specific row directly, with what the child's page
shows (its publisher, its image), in one; an index page with children of
several types (the home page) joins each type's row to the child's."""

from functools import cache

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from wagtail.models import Page


@cache
def _links(models):
    links = {}
    for model in models:
        # A subclass of a subclass of Page would need its whole chain of
        # rows: left to `.specific`.
        if model is not Page and model._meta.get_parent_list() == [Page]:
            links[model] = model._meta.get_ancestor_link(Page).related_query_name()
    return links


def specific_links(models):
    """{model: what `select_related` names to bring that model's own row
    with a Page row} for the models of `models` that inherit Page directly."""
    return _links(tuple(models))


def joined_specific(page, links):
    """`page` as its own class from the row `select_related(*links.values())`
    brought with it, or None when it brought none (another type of page)."""
    name = links.get(page.specific_class)
    if name is None:
        return None
    try:
        specific = getattr(page, name)
    except ObjectDoesNotExist:
        return None
    # What Wagtail's `.specific` keeps of the page it was asked on (the
    # parent routing cached, the locale...).
    for field, value in page._state.fields_cache.items():
        if field not in links.values():
            specific._state.fields_cache.setdefault(field, value)
    for attribute, value in page.__dict__.items():
        if attribute.startswith("_cached_"):
            specific.__dict__.setdefault(attribute, value)
    return specific


class SpecificChildRouteMixin:
    # The model of the children (subpage_types has only this one).
    child_page_model = None

    def child_route_queryset(self):
        return self.child_page_model.objects.all()

    def route(self, request, path_components):
        if not path_components or self.child_page_model is None:
            return super().route(request, path_components)
        try:
            child = self.child_route_queryset().child_of(self).get(slug=path_components[0])
        except self.child_page_model.DoesNotExist:
            # Another type of page, or none: Wagtail's own routing decides.
            return super().route(request, path_components)
        child._cached_parent_obj = self
        return child.route(request, path_components[1:])


class SpecificChildrenRouteMixin:
    """Wagtail's `Page.route` for the child, with the child's specific row
    joined to its page row (its type is one of `allowed_subpage_models`) in
    the query that finds it."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        links = specific_links(self.allowed_subpage_models())
        try:
            child = self.get_children().select_related(*links.values()).get(slug=path_components[0])
        except Page.DoesNotExist as error:
            raise Http404 from error
        child._cached_parent_obj = self
        specific = joined_specific(child, links) or child.specific
        specific._cached_parent_obj = self
        return specific.route(request, path_components[1:])
