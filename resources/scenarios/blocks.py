"""StreamField blocks of training scenarios (a step's choices, related material).

Kept apart from `resources.blocks` (study-visit blocks) so each feature's
blocks can change without touching the other's."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ChoiceRating(models.TextChoices):
    GOOD = "good", _("Good")
    ACCEPTABLE = "acceptable", _("Acceptable")
    POOR = "poor", _("Poor")

    @classmethod
    def verdict(cls, rating):
        """How a player is told the rating of the choice they made."""
        return {
            cls.GOOD: _("Good way to act"),
            cls.POOR: _("Poor way to act"),
        }.get(rating, _("Acceptable, could be better"))


class ScenarioChoiceBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=200, label=_("What the officer does"))
    target = blocks.CharBlock(
        max_length=60,
        label=_("Leads to step (key)"),
        help_text=_("The key of the step this choice leads to."),
    )
    rating = blocks.ChoiceBlock(
        choices=ChoiceRating.choices, default=ChoiceRating.ACCEPTABLE, label=_("Rating")
    )
    score = blocks.IntegerBlock(
        required=False, label=_("Score"), help_text=_("Optional; may be negative.")
    )
    feedback = blocks.TextBlock(
        label=_("Feedback"), help_text=_("Why this is, or is not, a good way to act.")
    )
    guidance_page = blocks.PageChooserBlock(
        required=False, page_type="resources.MaterialPage", label=_("Guidance material")
    )
    guidance_url = blocks.URLBlock(required=False, label=_("Guidance link"))

    class Meta:
        icon = "redirect"
        label = _("Choice")


class ScenarioRelatedBlock(blocks.StreamBlock):
    material = blocks.PageChooserBlock(
        page_type="resources.MaterialPage", label=_("Material"), icon="doc-full"
    )
    link = blocks.StructBlock(
        [
            ("title", blocks.CharBlock(max_length=200, label=_("Title"))),
            ("url", blocks.URLBlock(label=_("Address"))),
        ],
        label=_("Link"),
        icon="link",
    )
