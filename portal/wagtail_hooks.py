from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from portal import translation_review
from portal.viewsets import TopicViewSet

register_snippet(TopicViewSet)


@hooks.register("portal_account_sections", order=90)
def your_data_section(request):
    """Download one's data or delete the account, last on My account."""
    if not request.user.is_authenticated:
        return None
    return {"template": "portal/sections/your_data.html"}


@hooks.register("register_admin_urls")
def translation_review_urls():
    """Registered before wagtail-localize's (the portal comes first in
    INSTALLED_APPS), so these replace its Translate and Update views."""
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            translation_review.SubmitPageTranslationWithDefaultView.as_view(),
            name="portal_submit_page_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            translation_review.ReviewedUpdateTranslationsView.as_view(),
            name="portal_update_translations",
        ),
        path(
            "translation-review/<int:translation_id>/submit/",
            translation_review.submit_for_review,
            name="portal_translation_submit",
        ),
        path(
            "reports/translations/",
            translation_review.translations_report,
            name="portal_translations_report",
        ),
        path(
            "translation-review/<int:translation_id>/compare/",
            translation_review.compare_translation,
            name="portal_translation_compare",
        ),
    ]


class TranslationsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return translation_review.can_see_translations_report(request.user)


@hooks.register("register_reports_menu_item")
def translations_report_menu_item():
    return TranslationsReportMenuItem(
        _("Missing translations"),
        reverse("portal_translations_report"),
        name="missing-translations",
        icon_name="globe",
        order=700,
    )
