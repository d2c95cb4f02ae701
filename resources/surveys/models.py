"""Multilingual, anonymous surveys built with Wagtail's form builder.

One survey holds every language it offers: each question keeps its English
label and options (the stable keys answers are stored under) and optional
Polish and Ukrainian wording; the page keeps the introduction, consent and
thank-you text per language. A respondent picks the language on the page, and
the answer records which one was used, so results add up across languages.

A Wagtail translation of a survey page (e.g. the Polish page made with
"Translate") is only another door into the same survey: it shows the source
survey's questions, settings and texts, opens in its own language, submits to
the source survey and its results are the source's (`SurveyPage.survey`).
"""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.forms.models import AbstractFormField, FormMixin
from wagtail.contrib.forms.utils import get_field_clean_name
from wagtail.models import Locale

from portal.language_variants import in_language
from portal.models.pages import BasePage
from portal.routing import SpecificChildRouteMixin
from resources.surveys.admin_forms import SurveyPageForm
from resources.surveys.forms import yes_no_labels

# The languages a survey can be answered in, with their own names (autonyms):
# a respondent looks for their language written in it.
SURVEY_LANGUAGES = [("en", "English"), ("pl", "Polski"), ("uk", "Українська")]
SURVEY_LANGUAGE_CODES = [code for code, _name in SURVEY_LANGUAGES]

QUESTION_TYPES = [
    ("radio", _("Single choice (radio buttons)")),
    ("checkboxes", _("Multiple choice (checkboxes)")),
    ("dropdown", _("Drop-down list")),
    ("yesno", _("Yes or no")),
    ("singleline", _("Short text")),
    ("multiline", _("Long text")),
    ("number", _("Number")),
]
CHOICE_TYPES = {"radio", "checkboxes", "dropdown"}

# How a question's condition compares an earlier answer with an option key.
# "is" / "is not" suit single-choice questions, "includes" / "does not include"
# multiple-choice ones; a condition on an unanswered (or hidden) question is
# never met, so a question depending on it stays hidden too.
CONDITION_OPERATORS = [
    ("is", _("is")),
    ("is_not", _("is not")),
    ("includes", _("includes")),
    ("excludes", _("does not include")),
]

# Answers are deleted this many days after they were given, unless the survey sets otherwise.
DEFAULT_RETENTION_DAYS = 730
TEXT_TYPES = {"singleline", "multiline"}


def split_options(value):
    """One option per line (commas are allowed inside options, unlike Wagtail's
    default splitting, because answers such as "Yes, I have called it" need them)."""
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class SurveyIndexPage(SpecificChildRouteMixin, BasePage):
    """/surveys/: the surveys open now, those about to open and those that have closed."""

    max_count_per_parent = 1
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["resources.SurveyPage"]
    template = "resources/surveys/index_page.html"
    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    class Meta:
        verbose_name = _("surveys index")

    @property
    def child_page_model(self):
        return SurveyPage

    def child_route_queryset(self):
        # The page's language decides the survey's default language.
        return SurveyPage.objects.select_related("locale")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        surveys = SurveyPage.with_sources(SurveyPage.objects.child_of(self).live())
        context["open_surveys"] = [s for s in surveys if s.survey.status(now) == "open"]
        context["upcoming_surveys"] = [s for s in surveys if s.survey.status(now) == "not_open"]
        context["closed_surveys"] = [s for s in surveys if s.survey.status(now) == "closed"]
        return context


class SurveyQuestion(AbstractFormField):
    """A question; the English label and options are the keys answers are stored under."""

    page = ParentalKey("resources.SurveyPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(_("question type"), max_length=16, choices=QUESTION_TYPES)
    field_type.required_on_save = True
    label_pl = models.CharField(_("question in Polish"), max_length=255, blank=True)
    label_uk = models.CharField(_("question in Ukrainian"), max_length=255, blank=True)
    help_text_pl = models.CharField(_("help text in Polish"), max_length=255, blank=True)
    help_text_uk = models.CharField(_("help text in Ukrainian"), max_length=255, blank=True)
    choices = models.TextField(
        _("options"),
        blank=True,
        help_text=_(
            "One option per line, in English. Results are counted by these options, so "
            "change their wording only before the survey opens."
        ),
    )
    choices_pl = models.TextField(
        _("options in Polish"),
        blank=True,
        help_text=_("One option per line, in the same order as the English options."),
    )
    choices_uk = models.TextField(
        _("options in Ukrainian"),
        blank=True,
        help_text=_("One option per line, in the same order as the English options."),
    )

    condition_question = models.CharField(
        _("show only when the answer to"),
        max_length=255,
        blank=True,
        help_text=_(
            "Optional. The English text of an earlier question; leave empty to show this "
            "question to everyone."
        ),
    )
    condition_operator = models.CharField(
        _("condition"), max_length=10, choices=CONDITION_OPERATORS, blank=True
    )
    condition_value = models.CharField(
        _("option"),
        max_length=255,
        blank=True,
        help_text=_(
            'One of that question\'s options in English (for yes/no questions: "yes" or "no").'
        ),
    )
    skip_when = models.CharField(
        _("skip when the answer is"),
        max_length=255,
        blank=True,
        help_text=_(
            "Optional. One of this question's options in English; for multiple choice, skips "
            "when it is among the answers."
        ),
    )
    skip_to = models.CharField(
        _("skip to"),
        max_length=255,
        blank=True,
        help_text=_(
            'The English text of a later question, or "end" to end the survey. The questions '
            "in between are not shown and their answers are not kept."
        ),
    )

    panels = [
        FieldPanel("label", heading=_("Question in English")),
        FieldRowPanel([FieldPanel("label_pl"), FieldPanel("label_uk")]),
        FieldPanel("help_text"),
        FieldRowPanel([FieldPanel("help_text_pl"), FieldPanel("help_text_uk")]),
        FieldPanel("required"),
        FieldPanel("field_type", classname="formbuilder-type", required_on_save=True),
        FieldPanel("choices"),
        FieldRowPanel([FieldPanel("choices_pl"), FieldPanel("choices_uk")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("condition_question"),
                        FieldPanel("condition_operator"),
                        FieldPanel("condition_value"),
                    ]
                ),
                FieldRowPanel([FieldPanel("skip_when"), FieldPanel("skip_to")]),
            ],
            heading=_("Logic"),
            classname="collapsed",
        ),
    ]

    class Meta(AbstractFormField.Meta):
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")

    def get_field_clean_name(self):
        return get_field_clean_name(self.label)

    def clean(self):
        super().clean()
        options = split_options(self.choices)
        if self.field_type in CHOICE_TYPES and len(options) < 2:
            raise ValidationError({"choices": _("Give at least two options, one per line.")})
        if len(set(options)) != len(options):
            raise ValidationError({"choices": _("Each option must be different.")})
        for code in ("pl", "uk"):
            translated = split_options(getattr(self, f"choices_{code}"))
            if translated and len(translated) != len(options):
                raise ValidationError(
                    {
                        f"choices_{code}": _(
                            "Give exactly as many options as in English (%(count)d), "
                            "in the same order."
                        )
                        % {"count": len(options)}
                    }
                )

    @property
    def is_choice(self):
        return self.field_type in CHOICE_TYPES or self.field_type == "yesno"

    @property
    def is_text(self):
        return self.field_type in TEXT_TYPES

    @property
    def is_multiple(self):
        return self.field_type == "checkboxes"

    def option_keys(self):
        if self.field_type == "yesno":
            return ["yes", "no"]
        return split_options(self.choices)

    def options_in(self, language):
        """(stored key, label shown) pairs in a language; English where not translated."""
        keys = self.option_keys()
        if self.field_type == "yesno":
            return list(zip(keys, yes_no_labels(language), strict=True))
        labels = split_options(getattr(self, f"choices_{language}", "")) if language != "en" else []
        if len(labels) != len(keys):
            labels = keys
        return list(zip(keys, labels, strict=True))

    def label_in(self, language):
        return in_language(self, "label", language)

    def option_label(self, key, language):
        return dict(self.options_in(language)).get(key, key)

    @property
    def has_condition(self):
        return bool(self.condition_question)

    @property
    def has_skip(self):
        return bool(self.skip_when and self.skip_to)

    def help_text_in(self, language):
        return in_language(self, "help_text", language)


class TranslationNotePanel(HelpPanel):
    """Shown only on a translation of a survey, which is a second entrance to
    the survey in the default language and takes everything from it."""

    class BoundPanel(HelpPanel.BoundPanel):
        def is_shown(self):
            page = self.instance
            return bool(page.pk) and page.survey.pk != page.pk


class SurveyPage(FormMixin, BasePage):
    title_pl = models.CharField(_("title in Polish"), max_length=255, blank=True)
    title_uk = models.CharField(_("title in Ukrainian"), max_length=255, blank=True)
    offer_polish = models.BooleanField(_("offer Polish"), default=True)
    offer_ukrainian = models.BooleanField(_("offer Ukrainian"), default=True)
    introduction_pl = models.TextField(_("introduction in Polish"), blank=True)
    introduction_uk = models.TextField(_("introduction in Ukrainian"), blank=True)
    consent_text = models.TextField(
        _("consent text"),
        help_text=_(
            "What respondents agree to: who runs the survey, what the answers are used for "
            "and that they are anonymous. Respondents must tick it to send their answers."
        ),
    )
    consent_text_pl = models.TextField(_("consent text in Polish"), blank=True)
    consent_text_uk = models.TextField(_("consent text in Ukrainian"), blank=True)
    thank_you_text = models.TextField(_("thank-you text"), blank=True)
    thank_you_text_pl = models.TextField(_("thank-you text in Polish"), blank=True)
    thank_you_text_uk = models.TextField(_("thank-you text in Ukrainian"), blank=True)
    opens_at = models.DateTimeField(_("opens at"), default=timezone.now)
    closes_at = models.DateTimeField(
        _("closes at"), null=True, blank=True, help_text=_("Leave empty to keep it open.")
    )
    retention_days = models.PositiveIntegerField(
        _("keep answers for (days)"),
        default=DEFAULT_RETENTION_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_(
            "Each answer is deleted this many days after it was given. The survey page tells "
            "respondents."
        ),
    )
    invitation_only = models.BooleanField(
        _("invitation only"),
        default=False,
        help_text=_(
            "Only people with an invitation link can answer, once per link. Create the links "
            "on the survey's results page."
        ),
    )
    # Set by "Close the survey now" in the results, outside revisions (kept by
    # with_content_json below), so publishing an older draft does not reopen it.
    closed_early_at = models.DateTimeField(_("closed early at"), null=True, blank=True)
    record_respondent = models.BooleanField(
        _("record the respondent's account"),
        default=False,
        help_text=_(
            "Only for surveys of members: answers then need a logged-in account and keep it. "
            "Leave unticked for anonymous surveys."
        ),
    )

    content_panels = BasePage.content_panels + [
        TranslationNotePanel(
            content=_(
                "<p><strong>This page is a translation of a survey.</strong> It leads respondents "
                "to the survey in the default language: the questions, languages, dates, texts and "
                "answers all come from there, so edit them on that page. Changes to them here are "
                "not used; only this page's title and address are its own.</p>"
            ),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("offer_polish"), FieldPanel("offer_ukrainian")]),
                FieldRowPanel([FieldPanel("title_pl"), FieldPanel("title_uk")]),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("record_respondent"),
                FieldRowPanel([FieldPanel("retention_days"), FieldPanel("invitation_only")]),
            ],
            heading=_("Languages and dates"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("introduction", heading=_("Introduction in English")),
                FieldPanel("introduction_pl"),
                FieldPanel("introduction_uk"),
            ],
            heading=_("Introduction"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("consent_text"),
                FieldPanel("consent_text_pl"),
                FieldPanel("consent_text_uk"),
            ],
            heading=_("Consent"),
        ),
        InlinePanel("form_fields", label=_("Questions")),
        MultiFieldPanel(
            [
                FieldPanel("thank_you_text"),
                FieldPanel("thank_you_text_pl"),
                FieldPanel("thank_you_text_uk"),
            ],
            heading=_("Thank-you text"),
        ),
    ]

    base_form_class = SurveyPageForm
    parent_page_types = ["resources.SurveyIndexPage"]
    subpage_types = []
    template = "resources/surveys/page.html"
    landing_page_template = "resources/surveys/page.html"
    # Answers live in SurveyResponse, read only through the results views.
    preview_modes = [("form", _("Form"))]

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        obj.closed_early_at = self.closed_early_at
        return obj

    def clean(self):
        super().clean()
        if self.closes_at and self.opens_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The survey must close after it opens.")})

    @classmethod
    def with_sources(cls, pages):
        """The pages with `survey` already resolved: one query for the sources
        of all translations instead of one per page."""
        pages = list(pages)
        default = Locale.get_default()
        keys = {page.translation_key for page in pages if page.locale_id != default.pk}
        sources = {}
        if keys:
            sources = {
                source.translation_key: source
                for source in cls.objects.filter(translation_key__in=keys, locale=default)
            }
        for page in pages:
            # Fills the cached property below.
            page.survey = sources.get(page.translation_key, page)
        return pages

    @cached_property
    def survey(self):
        """The survey that holds the questions and the answers: the page in the
        default language (this page unless it is a translation)."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return self.get_translation_or_none(default) or self

    def get_form_fields(self):
        return self.survey.form_fields.order_by("sort_order", "pk")

    def languages(self):
        offered = {"en": True, "pl": self.offer_polish, "uk": self.offer_ukrainian}
        return [(code, name) for code, name in SURVEY_LANGUAGES if offered[code]]

    def language_codes(self):
        return [code for code, _name in self.languages()]

    def default_language(self):
        """The page's own language when the survey offers it, English otherwise."""
        code = self.locale.language_code
        return code if code in self.survey.language_codes() else "en"

    def text_in(self, name, language):
        """A per-language text of the page, English where it is not translated."""
        return in_language(self, name, language)

    def status(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return "not_open"
        if self.closes_at and now >= self.closes_at:
            return "closed"
        if self.closed_early_at and now >= self.closed_early_at:
            return "closed"
        return "open"

    def serve(self, request, *args, **kwargs):
        from resources.surveys.views import serve_survey  # noqa: PLC0415 - its views import these models

        return serve_survey(self, request)

    def serve_preview(self, request, mode_name):
        from resources.surveys.views import serve_survey  # noqa: PLC0415 - its views import these models

        return serve_survey(self, request, preview=True)

    def get_submission_class(self):
        return SurveyResponse


class SurveyResponse(models.Model):
    """One respondent's answers, with nothing that identifies them.

    No IP address, user agent, session or account (unless the survey records
    accounts), and only the day of the answer. The random UUID key keeps even
    the order of answers within a day out of the table.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        SurveyPage, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    language = models.CharField(_("language"), max_length=2, choices=SURVEY_LANGUAGES)
    submitted_on = models.DateField(_("submitted on"), default=timezone.localdate, db_index=True)
    answers = models.JSONField(_("answers"), default=dict)
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("respondent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        indexes = [models.Index(fields=["survey", "submitted_on"])]

    def __str__(self):
        return f"{self.survey_id} {self.submitted_on}"


def new_invitation_token():
    return secrets.token_urlsafe(18)


class SurveyInvitation(models.Model):
    """A single-use link to an invitation-only survey.

    It records only whether it was used, never by which answer or when, so the
    organiser who sent the links cannot tell whose answers are whose.
    """

    survey = models.ForeignKey(
        SurveyPage, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="invitations"
    )
    token = models.CharField(max_length=40, unique=True, default=new_invitation_token)
    created_on = models.DateField(_("created on"), default=timezone.localdate)
    used = models.BooleanField(_("used"), default=False)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")

    def __str__(self):
        return f"{self.survey_id} {'used' if self.used else 'unused'}"
