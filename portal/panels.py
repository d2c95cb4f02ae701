"""Editor panels shared by every page type."""

from wagtail.admin.panels import Panel
from wagtail.models import Locale

from portal.translation_status import CURRENT, translation_states


class TranslationStatusPanel(Panel):
    """Before publishing a page in the default language, the editor sees which
    of its translations are missing, unpublished or out of date."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "portal/admin/translation_status_panel.html"

        def is_shown(self):
            page = self.instance
            return bool(page and page.pk and page.locale_id == Locale.get_default().pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            states = translation_states([self.instance]).get(self.instance.pk, [])
            context["states"] = [state for state in states if state.status != CURRENT]
            context["all_current"] = bool(states) and not context["states"]
            return context
