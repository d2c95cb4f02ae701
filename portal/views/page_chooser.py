"""The page chooser opens where the pages to choose are.

Wagtail starts a typed chooser (e.g. "choose a material") at the first common
ancestor of every page of that type; with an English and a Polish tree that is
the root, two clicks from any material. The portal starts it at the common
ancestor within one language: the one asked for, else the admin's language,
else the default.
"""

from django.http import Http404
from wagtail.admin.views.chooser import BrowseView, page_models_from_string
from wagtail.models import Locale, Page


def _locale(request):
    code = request.GET.get("locale", "")
    return (
        Locale.objects.filter(language_code=code).first()
        or Locale.objects.filter(language_code=Locale.get_active().language_code).first()
        or Locale.get_default()
    )


class SectionFirstBrowseView(BrowseView):
    def get(self, request, parent_page_id=None):
        page_type = request.GET.get("page_type")
        if parent_page_id is None and page_type:
            try:
                classes = page_models_from_string(page_type)
            except (ValueError, LookupError) as error:
                raise Http404 from error
            if classes != (Page,):
                pages = Page.objects.type(*classes).filter(locale=_locale(request))
                if pages.exists():
                    parent_page_id = pages.first_common_ancestor().pk
        return super().get(request, parent_page_id)
