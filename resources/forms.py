"""Admin page forms: topics in the page's language, a material needs a file or a link."""

from django.utils.translation import gettext_lazy as _

from portal.page_forms import LocalisedTopicsPageForm


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
