"""Index pages that find their child page in one query.

Wagtail routes `/resources/<slug>/` by reading the child as a plain `Page`
and then its specific row (two queries). An index page whose children are
all of one type reads the specific row directly, with what the child's page
shows (its publisher, its image), in one."""


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
