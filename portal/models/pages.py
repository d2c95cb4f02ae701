from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from portal import sections
from portal.blocks import BaseStreamBlock
from portal.panels import TranslationStatusPanel
from portal.routing import SpecificChildrenRouteMixin


class BasePage(Page):
    """Fields and behaviour every editorial page shares."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences shown under the title and in listings."),
    )

    search_fields = Page.search_fields + [index.SearchField("introduction")]
    content_panels = Page.content_panels + [TranslationStatusPanel()]

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        # Wagtail asks on every page served (two queries); most pages have
        # no restricted ancestor, which the remembered paths tell at once.
        from portal.request_cache import may_be_restricted  # noqa: PLC0415

        if self.pk and not may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_breadcrumbs(self):
        # The home page (depth 2) and everything between it and this page.
        return self.get_ancestors().filter(depth__gt=1)


class HomePage(SpecificChildrenRouteMixin, BasePage):
    hero_title = models.CharField(_("hero title"), max_length=200)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "portal.CustomImage",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero link"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_text = models.CharField(_("hero link text"), max_length=80, blank=True)
    intro = RichTextField(_("introduction text"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_link_page"),
                FieldPanel("hero_link_text"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("hero_text"),
        index.SearchField("intro"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")

    @property
    def localized(self):
        """The home page in the active language (Wagtail routes every
        request from it), remembered until content changes."""
        from portal.request_cache import remembered  # noqa: PLC0415

        if not self.pk:
            return super().localized
        return remembered(
            "localized-home",
            [self.pk, translation.get_language()],
            lambda: super(HomePage, self).localized.specific,
        )

    def get_sections(self, request):
        """Sections contributed by the apps (events, materials, directory…)."""
        return sections.collect("portal_home_sections", request, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["home_sections"] = self.get_sections(request)
        return context


class StandardPage(BasePage):
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["portal.HomePage", "portal.StandardPage"]

    def menu_children(self, request=None):
        """Live, public children shown in menus, listed under the page, as
        [{"url", "title"}]: kept until content changes."""
        from portal.request_cache import remembered  # noqa: PLC0415
        from portal.visibility import public  # noqa: PLC0415

        return remembered(
            "menu-children",
            [self.pk, request.get_host() if request else "", translation.get_language()],
            lambda: [
                {"url": child.get_url(request), "title": child.title}
                for child in public(self.get_children().live().in_menu())
            ],
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["menu_children"] = self.menu_children(request)
        return context

    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
