"""Interactive branching training scenarios.

A scenario is a page (drafts, revisions, moderation, translations and a
shareable address come with it). Its steps are an InlinePanel of
`ScenarioStep` orderables rather than one big StreamField because:

* every step is a row with real fields, so Wagtail's own form validation
  puts an error (e.g. a video without captions) next to the field at fault;
* a step's *key* is a slug the editor types once; it is stable across edits
  and translations (the Polish copy keeps the keys), so it is safe in URLs
  and in stored progress;
* a choice names its target step by that key (a choice inside a step cannot
  use a chooser pointing at rows that may not be saved yet). Typing a key is
  checked by `resources.scenarios.graph.validate`, which names the choice and
  the missing key, and the graph view shows every arrow.

Choices are a StreamField of `ScenarioChoiceBlock` inside each step, so
their block ids give every choice a stable identity for analytics.

Attempts (`ScenarioAttempt`) are both the player's progress and the raw
data for the anonymous analytics: an anonymous attempt is known only by a
random token kept in the player's session; no IP address is stored.
"""

import logging
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from directory.choices import Visibility
from directory.visibility import is_member
from portal.models.pages import BasePage
from portal.routing import SpecificChildRouteMixin
from resources.models.members_only import MembersOnlyPageMixin
from resources.permissions import ModeratedPageMixin
from resources.scenarios.blocks import ScenarioChoiceBlock, ScenarioRelatedBlock
from resources.scenarios.forms import ScenarioCheckPanel, ScenarioPageForm
from resources.scenarios.graph import Choice, Graph, Step, captions_given, validate

logger = logging.getLogger(__name__)

# A preview mode naming a step: "step:<key>".
STEP_PREVIEW = "step:"


class ScenarioIndexPage(SpecificChildRouteMixin, ModeratedPageMixin, BasePage):
    """/scenarios/: the list of training scenarios."""

    max_count_per_parent = 1
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["resources.ScenarioPage"]
    template = "resources/scenarios/index_page.html"
    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    class Meta:
        verbose_name = _("training scenarios")

    @property
    def child_page_model(self):
        return ScenarioPage

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        scenarios = ScenarioPage.objects.child_of(self).live().order_by("path")
        if not is_member(request.user):
            scenarios = scenarios.exclude(visibility=Visibility.MEMBERS)
        page_obj = Paginator(scenarios, 20).get_page(request.GET.get("page"))
        context.update({"scenarios": page_obj.object_list, "page_obj": page_obj})
        return context


class ScenarioPage(MembersOnlyPageMixin, ModeratedPageMixin, RoutablePageMixin, BasePage):
    start_step = models.SlugField(
        _("start step"),
        max_length=60,
        blank=True,
        help_text=_("The key of the first step. Blank: the first step in the list."),
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("Members-only scenarios are shown only to signed-in members."),
    )
    description = RichTextField(
        _("before you start"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("What the scenario trains and how long it takes."),
    )
    related = StreamField(ScenarioRelatedBlock(), blank=True, verbose_name=_("related materials"))

    content_panels = BasePage.content_panels + [
        ScenarioCheckPanel(heading=_("Checks")),
        FieldPanel("introduction"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("start_step"), FieldPanel("visibility")],
            heading=_("Playing the scenario"),
        ),
        InlinePanel(
            "steps",
            heading=_("Steps"),
            label=_("Step"),
            help_text=_(
                "Each choice leads to another step by its key. Open “Scenario map” in the "
                "page's header to see the scenario as a graph with its problems."
            ),
        ),
        FieldPanel("related"),
    ]
    search_fields = BasePage.search_fields + [index.FilterField("visibility")]
    parent_page_types = ["resources.ScenarioIndexPage"]
    subpage_types = []
    template = "resources/scenarios/page.html"
    base_form_class = ScenarioPageForm

    class Meta:
        verbose_name = _("training scenario")
        verbose_name_plural = _("training scenarios")

    # --- the graph ------------------------------------------------------------

    def ordered_steps(self):
        # Works on unsaved revisions too (the children live in memory there).
        memo = self.__dict__.get("_ordered_steps")
        if memo is not None:
            return memo
        steps = sorted(
            # With the media a step shows (a step's page shows them).
            self.steps.select_related("image", "video", "captions"),
            key=lambda step: (step.sort_order or 0, step.pk or 0),
        )
        if self.__dict__.get("_serving"):
            # Read once per request: the player asks for the steps several times.
            self._ordered_steps = steps
        return steps

    def graph(self):
        steps = self.ordered_steps()
        start = self.start_step or (steps[0].key if steps else "")
        return Graph(start=start, steps=[step.as_graph_step() for step in steps])

    def problems(self):
        return validate(self.graph())

    def step_by_key(self, key):
        return next((step for step in self.ordered_steps() if step.key == key), None)

    # --- publishing -------------------------------------------------------------

    def publish(self, revision, *args, **kwargs):
        """Every way of publishing (admin, scheduled, API, code) ends here:
        a revision whose scenario cannot be played to an end is refused."""
        problems = revision.as_object().problems()
        if problems:
            if kwargs.get("log_action") == "wagtail.publish.scheduled":
                # Raising here would stop `publish_scheduled` on every run,
                # for every other page too: drop the schedule and say why.
                revision.approved_go_live_at = None
                revision.save(update_fields=["approved_go_live_at"])
                logger.error(
                    "Scheduled publication of scenario %s refused: %s",
                    self.pk,
                    "; ".join(str(problem.message) for problem in problems),
                )
                return None
            raise ScenarioNotPublishable(problems)
        return super().publish(revision, *args, **kwargs)

    # --- serving ------------------------------------------------------------------

    def serve(self, request, *args, **kwargs):
        self._serving = True
        return super().serve(request, *args, **kwargs)

    @property
    def preview_modes(self):
        """The introduction, then every step and ending as a player meets it,
        so that editors see them all before publishing."""
        modes = [("", _("Introduction"))]
        for step in self.ordered_steps():
            label = _("Ending: %(title)s") if step.is_ending else _("Step: %(title)s")
            modes.append((f"{STEP_PREVIEW}{step.key}", label % {"title": step.title}))
        return modes

    def serve_preview(self, request, mode_name):
        if mode_name.startswith(STEP_PREVIEW):
            from resources.scenarios import views  # noqa: PLC0415 - its views import these models

            return views.preview_step(request, self, mode_name.removeprefix(STEP_PREVIEW))
        return super().serve_preview(request, mode_name)

    @path("")
    def intro_route(self, request):
        from resources.scenarios import views  # noqa: PLC0415 - its views import these models

        return views.intro(request, self)

    @path("start/")
    def start_route(self, request):
        from resources.scenarios import views  # noqa: PLC0415 - its views import these models

        return views.start(request, self)

    @path("back/")
    def back_route(self, request):
        from resources.scenarios import views  # noqa: PLC0415 - its views import these models

        return views.back(request, self)

    @path("step/<slug:key>/")
    def step_route(self, request, key):
        from resources.scenarios import views  # noqa: PLC0415 - its views import these models

        return views.step(request, self, key)

    @path("step/<slug:key>/feedback/")
    def feedback_route(self, request, key):
        from resources.scenarios import views  # noqa: PLC0415 - its views import these models

        return views.feedback(request, self, key)


class ScenarioNotPublishable(ValidationError):
    def __init__(self, problems):
        self.problems = problems
        super().__init__([problem.message for problem in problems])


class ScenarioStep(Orderable):
    page = ParentalKey(ScenarioPage, on_delete=models.CASCADE, related_name="steps")
    key = models.SlugField(
        _("key"),
        max_length=60,
        help_text=_("Short and stable, e.g. “first-contact”: used in addresses and choices."),
    )
    title = models.CharField(_("title"), max_length=200)
    image = models.ForeignKey(
        "portal.CustomImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    video = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("video file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An MP4 or WebM file from the documents library."),
    )
    video_url = models.URLField(
        _("video link"),
        blank=True,
        help_text=_("Or a video on a platform that can be embedded (e.g. YouTube, Vimeo)."),
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("captions (WebVTT)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A .vtt file. Every video needs captions or a transcript."),
    )
    transcript = models.TextField(_("transcript"), blank=True)
    situation = RichTextField(
        _("situation"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    choices = StreamField(
        [("choice", ScenarioChoiceBlock())], blank=True, verbose_name=_("choices")
    )
    is_ending = models.BooleanField(_("this step is an ending"), default=False)
    ending_summary = RichTextField(
        _("ending summary"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("For endings: what this outcome means for the person and the officer."),
    )

    panels = [
        FieldPanel("key"),
        FieldPanel("title"),
        FieldPanel("situation"),
        MultiFieldPanel(
            [
                FieldPanel("image"),
                FieldPanel("video"),
                FieldPanel("video_url"),
                FieldPanel("captions"),
                FieldPanel("transcript"),
            ],
            heading=_("Media"),
        ),
        FieldPanel("choices"),
        FieldPanel("is_ending"),
        FieldPanel("ending_summary"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self):
        return self.title

    @property
    def has_video(self):
        return bool(self.video_id or self.video_url)

    @property
    def has_captions(self):
        return captions_given(
            bool(self.video_id), bool(self.captions_id), bool(self.transcript.strip())
        )

    def clean(self):
        super().clean()
        if self.video_url and not self.video_id and not self.transcript.strip():
            # A captions file cannot be added to another website's player.
            raise ValidationError(
                {"transcript": _("A video from another website needs a transcript.")}
            )
        if self.has_video and not self.has_captions:
            raise ValidationError(
                {"captions": _("A video needs a captions file (WebVTT) or a transcript.")}
            )
        if self.captions_id and not self.captions.filename.lower().endswith(".vtt"):
            raise ValidationError({"captions": _("Captions must be a WebVTT (.vtt) file.")})

    def choice_list(self):
        return [
            {
                "id": block.id,
                "label": block.value["label"],
                "target": block.value["target"],
                "rating": block.value["rating"],
                "score": block.value.get("score") or 0,
                "feedback": block.value["feedback"],
                "guidance_page": block.value.get("guidance_page"),
                "guidance_url": block.value.get("guidance_url"),
            }
            for block in self.choices
        ]

    def choice(self, choice_id):
        return next((c for c in self.choice_list() if c["id"] == choice_id), None)

    def as_graph_step(self):
        # From the stored (raw) choices: the graph needs no guidance page, and
        # turning each step's choices into blocks reads those pages.
        choices = [item for item in self.choices.raw_data if item.get("type") == "choice"]
        return Step(
            key=self.key,
            title=self.title,
            is_ending=self.is_ending,
            choices=tuple(
                Choice(
                    item.get("id"),
                    (item.get("value") or {}).get("label"),
                    (item.get("value") or {}).get("target"),
                    (item.get("value") or {}).get("rating"),
                    (item.get("value") or {}).get("score") or 0,
                )
                for item in choices
            ),
            has_video=self.has_video,
            has_captions=self.has_captions,
        )


class ScenarioAttempt(models.Model):
    """One play-through: the player's progress and, anonymously, analytics."""

    scenario = models.ForeignKey(
        ScenarioPage,
        verbose_name=_("scenario"),
        on_delete=models.CASCADE,
        related_name="attempts",
    )
    # Kept only so members see their own record; analytics never show it.
    # A deleted account leaves its attempts behind as anonymous figures.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scenario_attempts",
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The attempt's identity in xAPI statements (`context.registration`). Not the
    # token: that one is the player's secret, kept in their session.
    registration = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The member's institution when the attempt started, for the exports per
    # institution (memberships change later; the record should not).
    institution = models.ForeignKey(
        "directory.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    path = models.JSONField(_("choices taken"), default=list, blank=True)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    ending = models.CharField(_("ending"), max_length=60, blank=True)
    ending_title = models.CharField(_("ending title"), max_length=200, blank=True)
    score = models.IntegerField(_("score"), null=True, blank=True)

    class Meta:
        verbose_name = _("scenario attempt")
        verbose_name_plural = _("scenario attempts")
        ordering = ["-started_at"]
        permissions = [("view_scenario_analytics", _("Can see scenario analytics"))]
        indexes = [models.Index(fields=["scenario", "finished_at"])]

    def __str__(self):
        return f"{self.scenario_id}:{self.token}"


class ScenarioChoiceEvent(models.Model):
    """A choice taken in an attempt, for the share of players per choice."""

    attempt = models.ForeignKey(
        ScenarioAttempt, on_delete=models.CASCADE, related_name="choice_events"
    )
    step = models.CharField(max_length=60)
    choice = models.CharField(max_length=64)
    rating = models.CharField(max_length=12)
    # Where on the way the choice was made (0 = the first step), and whether the
    # player had already chosen there in this attempt and went back to choose
    # again: analytics count first choices and re-choices apart.
    position = models.PositiveIntegerField(null=True, blank=True)
    is_rechoice = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["step", "choice"])]

    def __str__(self):
        return f"{self.step}:{self.choice}"
