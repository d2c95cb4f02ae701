from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class DirectoryIndexPage(Page):
    """The directory's place in the site tree (/directory/, /pl/katalog/): the
    title, introduction and navigation entry come from here; the listing
    itself is the directory list view."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("directory page")

    def serve(self, request, *args, **kwargs):
        from directory.views import institution_list  # noqa: PLC0415 - directory.views imports these models

        return institution_list(request, index_page=self)

    def serve_preview(self, request, mode_name):
        # The page is the directory listing; it has no template of its own.
        return self.serve(request)
