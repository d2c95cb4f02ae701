"""Study-visit write-ups: what a delegation learnt abroad, with its materials."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from portal.models.pages import BasePage
from portal.page_forms import LocalisedTopicsPageForm, SearchableCheckboxSelectMultiple
from portal.routing import SpecificChildRouteMixin
from resources.blocks import StudyVisitStreamBlock
from resources.permissions import ModeratedPageMixin

EVENT_PAGE_TYPE = ("events", "EventPage")


class EventPageChooserPanel(PageChooserPanel):
    """Chooses an event page when the events app defines one, any page otherwise.

    The related event is a plain ForeignKey to wagtailcore.Page so that
    resources does not depend on the events app (built separately).
    `PageChooserPanel(page_type="events.EventPage")` would fail while that
    model does not exist, so the restriction is applied only when it does.
    """

    def get_form_options(self):
        try:
            apps.get_model(*EVENT_PAGE_TYPE)
        except LookupError:
            self.page_type = None
        else:
            self.page_type = ".".join(EVENT_PAGE_TYPE)
        return super().get_form_options()


class StudyVisitIndexPage(SpecificChildRouteMixin, ModeratedPageMixin, BasePage):
    """/study-visits/: write-ups filtered by country, year and topic."""

    max_count_per_parent = 1
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["resources.StudyVisitPage"]
    template = "resources/study_visit_index_page.html"
    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    class Meta:
        verbose_name = _("study visits index")

    @property
    def child_page_model(self):
        return StudyVisitPage

    def get_context(self, request, *args, **kwargs):
        from resources.queries import study_visit_listing  # noqa: PLC0415 - resources.queries imports these models

        context = super().get_context(request, *args, **kwargs)
        context.update(study_visit_listing(request, self))
        return context


class StudyVisitPage(ModeratedPageMixin, BasePage):
    host_country = CountryField(_("host country"))
    host_institutions = ParentalManyToManyField(
        "directory.Institution",
        verbose_name=_("host institutions"),
        blank=True,
        related_name="hosted_study_visits",
    )
    participating_institutions = ParentalManyToManyField(
        "directory.Institution",
        verbose_name=_("participating institutions"),
        blank=True,
        related_name="joined_study_visits",
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    related_event = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("related event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The event page of this visit, if there is one."),
    )
    objectives = RichTextField(
        _("objectives"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    body = StreamField(StudyVisitStreamBlock(), blank=True, verbose_name=_("report"))
    topics = ParentalManyToManyField("portal.Topic", verbose_name=_("topics"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction", heading=_("Summary")),
        MultiFieldPanel(
            [
                FieldPanel("host_country"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("host_institutions", widget=SearchableCheckboxSelectMultiple),
                FieldPanel("participating_institutions", widget=SearchableCheckboxSelectMultiple),
                EventPageChooserPanel("related_event"),
                FieldPanel("topics", widget=SearchableCheckboxSelectMultiple),
            ],
            heading=_("The visit"),
        ),
        FieldPanel("objectives"),
        FieldPanel("body"),
        InlinePanel("attached_materials", heading=_("Materials"), label=_("Material")),
        InlinePanel("authors", heading=_("Authors"), label=_("Author")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("objectives"),
        index.SearchField("body"),
        index.FilterField("host_country"),
    ]
    parent_page_types = ["resources.StudyVisitIndexPage"]
    subpage_types = []
    template = "resources/study_visit_page.html"
    base_form_class = LocalisedTopicsPageForm

    class Meta:
        verbose_name = _("study visit")
        verbose_name_plural = _("study visits")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first day.")})

    @property
    def host_country_name(self):
        return self.host_country.name

    def get_context(self, request, *args, **kwargs):
        from resources.queries import study_visit_detail_context  # noqa: PLC0415 - resources.queries imports these models

        context = super().get_context(request, *args, **kwargs)
        context.update(study_visit_detail_context(request, self))
        return context


class StudyVisitMaterial(Orderable):
    page = ParentalKey(StudyVisitPage, on_delete=models.CASCADE, related_name="attached_materials")
    material = models.ForeignKey(
        "resources.MaterialPage",
        verbose_name=_("material"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("material", page_type="resources.MaterialPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("attached material")
        verbose_name_plural = _("attached materials")


class StudyVisitAuthor(Orderable):
    page = ParentalKey(StudyVisitPage, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("name"), max_length=200)
    institution = models.ForeignKey(
        "directory.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("institution"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name
