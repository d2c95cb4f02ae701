from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from portal.blocks import NavigationLinkBlock
from portal.language_variants import in_language
from portal.localized_pages import localized_by_id


def remember(name, parts, compute):
    """`portal.request_cache.remembered` (imported once models are loaded)."""
    from portal.request_cache import remembered  # noqa: PLC0415

    return remembered(name, parts, compute)


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        _("organisation name"), max_length=255, default="Cooperation Portal"
    )
    organisation_name_pl = models.CharField(
        _("organisation name (Polish)"), max_length=255, blank=True
    )
    contact_address = models.TextField(_("contact address"), blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    footer_text = models.TextField(_("footer text"), blank=True)
    footer_text_pl = models.TextField(_("footer text (Polish)"), blank=True)
    privacy_policy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_statement_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    main_navigation = StreamField(
        [("link", NavigationLinkBlock())],
        blank=True,
        verbose_name=_("main navigation"),
        help_text=_(
            "Leave a page link's title blank to show the page's own title in each language."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("organisation_name_pl"),
                FieldPanel("contact_address"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [FieldPanel("footer_text"), FieldPanel("footer_text_pl")], heading=_("Footer")
        ),
        FieldPanel("privacy_policy_page"),
        FieldPanel("accessibility_statement_page"),
        FieldPanel("main_navigation"),
    ]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def for_site(cls, site):
        """The site's settings, remembered until content changes (every
        page shows them)."""
        if site is None:
            return super().for_site(site)
        from portal.request_cache import remembered  # noqa: PLC0415

        return remembered(
            "site-settings", [site.pk], lambda: super(SiteSettings, cls).for_site(site)
        )

    def _localized(self, field):
        return in_language(self, field)

    @property
    def localized_organisation_name(self):
        return self._localized("organisation_name")

    @property
    def localized_footer_text(self):
        return self._localized("footer_text")

    # Every page shows the navigation and the footer links; resolving each
    # link's page in the visitor's language costs a few queries per link.
    # They are kept until content changes (portal.page_cache).

    def navigation_links(self):
        """The main navigation as [{"href", "text"}] in the active language
        (`portal.blocks.LinkStructValue`'s rule, with every link's page
        found in one query)."""

        def compute():
            items = [item["value"] for item in self.main_navigation.raw_data]
            # The footer's pages come with the same query (every page shows
            # both).
            pages = localized_by_id([item.get("page") for item in items] + self._footer_ids())
            remember("footer", self._footer_parts(), lambda: self._footer(pages))
            links = []
            for item in items:
                page = pages.get(item.get("page"))
                address = item.get("url") or ""
                links.append(
                    {
                        "href": page.url if page is not None else address,
                        "text": str(item.get("title") or (page.title if page else address)),
                    }
                )
            return links

        return remember("navigation", [self.site_id, translation.get_language()], compute)

    def footer_links(self):
        """Addresses of the privacy policy and accessibility statement in the
        active language ("" when not set)."""
        return remember(
            "footer",
            self._footer_parts(),
            lambda: self._footer(localized_by_id(self._footer_ids())),
        )

    def _footer_parts(self):
        return [self.site_id, translation.get_language()]

    def _footer_ids(self):
        return [self.privacy_policy_page_id, self.accessibility_statement_page_id]

    def _footer(self, pages):
        privacy = pages.get(self.privacy_policy_page_id)
        accessibility = pages.get(self.accessibility_statement_page_id)
        return {
            "privacy_policy": privacy.url if privacy is not None else "",
            "accessibility_statement": accessibility.url if accessibility is not None else "",
        }
