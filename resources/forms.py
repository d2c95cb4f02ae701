"""Admin page forms: topics in the page's language, a material needs a file or a link."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class LocalisedTopicsPageForm(WagtailAdminPageForm):
    """Topics exist once per language; offer those of the page's language."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        if "topics" in self.fields:
            locale_id = self.instance.locale_id or (parent_page and parent_page.locale_id)
            if locale_id:
                self.fields["topics"].queryset = self.fields["topics"].queryset.filter(
                    locale_id=locale_id
                )


class MaterialPageForm(LocalisedTopicsPageForm):
    def clean(self):
        cleaned_data = super().clean()
        files = self.formsets.get("files")
        has_file = False
        if files is not None:
            # The inline forms are otherwise cleaned only after this form.
            files.is_valid()
            for form in files.forms:
                data = getattr(form, "cleaned_data", None) or {}
                if data.get("document") and not data.get("DELETE"):
                    has_file = True
        if not has_file and not cleaned_data.get("external_url"):
            self.add_error("external_url", _("Attach at least one file or give an external link."))
        return cleaned_data
