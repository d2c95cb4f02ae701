"""Admin views for scenarios: the map of a scenario (an SVG drawn on the
server, next to its problems) and the organisers' anonymous analytics."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.two_factor import TwoFactorRequiredMixin
from resources.models import ScenarioPage
from resources.scenarios import analytics, exports
from resources.scenarios.graph import layout, reachable, validate

ANALYTICS_PERMISSION = "resources.view_scenario_analytics"
BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN = 190, 64, 70, 26, 16


def forbidden(request):
    # A real 403 (Wagtail's own helper redirects to the dashboard instead).
    return TemplateResponse(request, "resources/scenarios/admin/forbidden.html", {}, status=403)


def can_see_analytics(user):
    return user.is_active and user.has_perm(ANALYTICS_PERMISSION)


def _short(text, length=26):
    return text if len(text) <= length else text[: length - 1] + "…"


def draw(graph):
    """Boxes and arrows for the SVG, in user units."""
    positions = layout(graph)
    seen = reachable(graph)
    boxes = {}
    for step in graph.steps:
        if step.key in boxes:
            continue
        column, row = positions[step.key]
        x = MARGIN + column * (BOX_W + GAP_X)
        y = MARGIN + row * (BOX_H + GAP_Y)
        kind = "ending" if step.is_ending else ("start" if step.key == graph.start else "step")
        if step.key not in seen:
            kind = "unreachable"
        boxes[step.key] = {
            "key": step.key,
            "title": _short(step.title),
            "full_title": step.title,
            "x": x,
            "y": y,
            "kind": kind,
        }
    arrows = []
    for step in graph.steps:
        source = boxes[step.key]
        for index, choice in enumerate(step.choices):
            target = boxes.get(choice.target)
            if target is None:
                continue
            x1, y1 = source["x"] + BOX_W, source["y"] + BOX_H / 2
            x2, y2 = target["x"], target["y"] + BOX_H / 2
            if x2 > x1:
                middle = (x1 + x2) / 2
                d = f"M{x1},{y1} C{middle},{y1} {middle},{y2} {x2 - 2},{y2}"
            elif target["x"] == source["x"]:
                # Same column: bow out to the right of both boxes.
                bow = x1 + 24 + index * 6
                d = f"M{x1},{y1} C{bow},{y1} {bow},{y2} {x1 + 2},{y2}"
            else:
                # Backwards: loop under the boxes.
                low = max(source["y"], target["y"]) + BOX_H + 10 + index * 4
                d = (
                    f"M{source['x'] + BOX_W / 2},{source['y'] + BOX_H} "
                    f"C{source['x'] + BOX_W / 2},{low} {target['x'] + BOX_W / 2},{low} "
                    f"{target['x'] + BOX_W / 2},{target['y'] + BOX_H + 2}"
                )
            arrows.append({"d": d, "rating": choice.rating, "label": choice.label})
    width = max((b["x"] for b in boxes.values()), default=0) + BOX_W + MARGIN
    height = max((b["y"] for b in boxes.values()), default=0) + BOX_H + MARGIN + 30
    return {
        "boxes": list(boxes.values()),
        "arrows": arrows,
        "width": width,
        "height": height,
        "box_w": BOX_W,
        "box_h": BOX_H,
    }


class ScenarioMapView(TwoFactorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "resources/scenarios/admin/map.html"
    header_icon = "site"

    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(ScenarioPage, pk=kwargs["page_id"])
        if not page.permissions_for_user(request.user).can_edit():
            return forbidden(request)
        # The editor's latest draft, so the map matches the edit form.
        self.page = page.get_latest_revision_as_object()
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Scenario map")

    def get_page_subtitle(self):
        return self.page.title

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": self.page.title,
            },
            {"url": "", "label": _("Scenario map")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        graph = self.page.graph()
        context.update(
            {
                "page": self.page,
                "graph": graph,
                "steps": self.page.ordered_steps(),
                "drawing": draw(graph),
                "problems": validate(graph),
                "edit_url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            }
        )
        return context


class AnalyticsMixin(TwoFactorRequiredMixin):
    """Organisers and moderators; the downloads (`?export=…` with the filter
    form's period and institution) are answered by the same screen, which
    shows the form's errors with a 400 when the filter is wrong."""

    page = None

    def dispatch(self, request, *args, **kwargs):
        if not can_see_analytics(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if "export" not in request.GET:
            self.export_form = exports.ExportFilterForm(page=self.page)
            return super().get(request, *args, **kwargs)
        self.export_form = exports.ExportFilterForm(request.GET, page=self.page)
        if self.export_form.is_valid():
            return exports.response(self.page, self.export_form.cleaned_data)
        response = super().get(request, *args, **kwargs)
        response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["export_form"] = self.export_form
        return context


class AnalyticsIndexView(AnalyticsMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "resources/scenarios/admin/analytics_index.html"
    header_icon = "table"

    def get_page_title(self):
        return _("Scenario analytics")

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": "", "label": _("Scenario analytics")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = analytics.overview()
        context["delivery"] = analytics.statement_delivery()
        return context


class AnalyticsDetailView(AnalyticsMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "resources/scenarios/admin/analytics.html"
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(ScenarioPage, pk=kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Scenario analytics")

    def get_page_subtitle(self):
        return self.page.title

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("scenarios_admin:analytics"), "label": _("Scenario analytics")},
            {"url": "", "label": self.page.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"page": self.page, "report": analytics.detail(self.page)})
        return context
