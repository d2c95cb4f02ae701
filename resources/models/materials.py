"""The library of shared materials.

A material is a Wagtail *page* (not a snippet or plain model) because that is
what serves editors best: drafts, revisions, previews, scheduled publishing,
the moderator-review workflow, Polish translations of the page and a place in
site search all come with pages and nothing has to be rebuilt for a snippet.
Each material has one public address that colleagues can share.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from directory.choices import Visibility
from portal.models.pages import BasePage
from portal.page_forms import SearchableCheckboxSelectMultiple
from portal.routing import SpecificChildRouteMixin
from resources.choices import Audience, MaterialType
from resources.forms import MaterialPageForm
from resources.models.members_only import MembersOnlyPageMixin
from resources.permissions import ModeratedPageMixin

READABLE_EXTENSIONS = {"txt", "md"}


class MaterialIndexPage(SpecificChildRouteMixin, ModeratedPageMixin, BasePage):
    """/resources/: the filterable library."""

    max_count_per_parent = 1
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["resources.MaterialPage"]
    template = "resources/material_index_page.html"
    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    class Meta:
        verbose_name = _("materials library")

    @property
    def child_page_model(self):
        return MaterialPage

    def child_route_queryset(self):
        return MaterialPage.objects.select_related("publisher", "image")

    def get_context(self, request, *args, **kwargs):
        from resources.queries import material_listing  # noqa: PLC0415 - resources.queries imports these models

        context = super().get_context(request, *args, **kwargs)
        context.update(material_listing(request, self))
        return context


class MaterialPage(MembersOnlyPageMixin, ModeratedPageMixin, RoutablePageMixin, BasePage):
    material_type = models.CharField(
        _("type"), max_length=20, choices=MaterialType.choices, default=MaterialType.GUIDELINE
    )
    description = RichTextField(
        _("description"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Optional longer description shown on the material's page."),
    )
    topics = ParentalManyToManyField("portal.Topic", verbose_name=_("topics"), blank=True)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    publisher = models.ForeignKey(
        "directory.Institution",
        verbose_name=_("publishing institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="published_materials",
    )
    publication_date = models.DateField(_("publication date"))
    external_url = models.URLField(
        _("external link"),
        blank=True,
        help_text=_("For material hosted elsewhere (a video platform, an online course)."),
    )
    image = models.ForeignKey(
        "portal.CustomImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A cover or a picture of the material, shown on its card and page. Without one, "
            "an icon of its file type is shown."
        ),
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_(
            "Members-only materials and their files are shown only to signed-in members of "
            "an institution: not in search, feeds or the sitemap."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction", heading=_("Summary")),
        MultiFieldPanel(
            [
                FieldPanel("material_type"),
                FieldPanel("topics", widget=SearchableCheckboxSelectMultiple),
                FieldPanel("audience"),
                FieldPanel("publisher"),
                FieldPanel("publication_date"),
                FieldPanel("visibility"),
                FieldPanel("image"),
            ],
            heading=_("About the material"),
        ),
        InlinePanel(
            "files",
            heading=_("Files"),
            label=_("File"),
            help_text=_("One file per language, or several parts of the material."),
        ),
        FieldPanel("external_url"),
        FieldPanel("description"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.FilterField("visibility"),
        index.FilterField("material_type"),
    ]
    parent_page_types = ["resources.MaterialIndexPage"]
    subpage_types = []
    template = "resources/material_page.html"
    base_form_class = MaterialPageForm

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def get_type_label(self):
        return self.get_material_type_display()

    def get_context(self, request, *args, **kwargs):
        from resources.queries import material_detail_context  # noqa: PLC0415 - resources.queries imports these models

        context = super().get_context(request, *args, **kwargs)
        context.update(material_detail_context(request, self))
        return context

    @path("read/<int:file_id>/")
    def read(self, request, file_id):
        """A text file of the material as a page to read (the members-only rule
        applies as for the page: see MembersOnlyPageMixin.serve)."""
        from resources.reading import reading_view  # noqa: PLC0415 - resources.reading imports these models

        return reading_view(request, self, file_id)


class MaterialFile(Orderable):
    page = ParentalKey(MaterialPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="material_files",
    )
    language = models.ForeignKey(
        "portal.Language",
        verbose_name=_("language"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    label = models.CharField(
        _("label"),
        max_length=120,
        blank=True,
        help_text=_("Optional, e.g. “Part 1” or “Easy read”. Defaults to the document's title."),
    )

    panels = [FieldPanel("document"), FieldPanel("language"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self):
        return self.label or self.document.title

    @property
    def is_readable(self):
        """Shown as a page to read as well as a download."""
        return self.document.file_extension.lower() in READABLE_EXTENSIONS
