"""The scenario's admin form and panel: problems shown while editing, and
publishing (or sending for review) refused while the graph has errors."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import Panel

from resources.scenarios.graph import Choice, Graph, Step, captions_given, validate

# Buttons of the page editor that would make the scenario public.
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-workflow-action")


def graph_from_form(form):
    """The graph as submitted (the page is not saved yet when forms clean)."""
    steps = []
    formset = form.formsets.get("steps")
    if formset is not None:
        # The page form cleans before its formsets do; clean them now (cached).
        formset.is_valid()
    for step_form in getattr(formset, "forms", []):
        data = getattr(step_form, "cleaned_data", None) or {}
        if not data.get("key") or data.get("DELETE"):
            continue
        choices = tuple(
            Choice(
                block.id or "",
                block.value["label"],
                block.value["target"],
                block.value["rating"],
                block.value.get("score") or 0,
            )
            for block in data.get("choices") or []
        )
        steps.append(
            (
                data.get("ORDER") or 0,
                Step(
                    key=data["key"],
                    title=data.get("title", ""),
                    is_ending=bool(data.get("is_ending")),
                    choices=choices,
                    has_video=bool(data.get("video") or data.get("video_url")),
                    has_captions=captions_given(
                        bool(data.get("video")),
                        bool(data.get("captions")),
                        bool((data.get("transcript") or "").strip()),
                    ),
                ),
            )
        )
    ordered = [step for _order, step in sorted(steps, key=lambda pair: pair[0])]
    start = form.cleaned_data.get("start_step") or (ordered[0].key if ordered else "")
    return Graph(start=start, steps=ordered)


class ScenarioPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if any(self.data.get(action) for action in PUBLISHING_ACTIONS):
            problems = validate(graph_from_form(self))
            if problems:
                raise ValidationError(
                    [_("The scenario cannot be published while it has problems:")]
                    + [problem.message for problem in problems]
                )
        return cleaned_data


class ScenarioCheckPanel(Panel):
    """The saved draft's problems and a link to its map, at the top of the form."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "resources/scenarios/admin/check_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["problems"] = page.problems() if page.pk else []
            context["map_url"] = reverse("scenarios_admin:map", args=[page.pk]) if page.pk else ""
            return context
