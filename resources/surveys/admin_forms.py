"""The survey's page form in the editor: the survey logic is checked as the
questions are saved, and each problem is shown at the question it concerns."""

import copy

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm

from resources.surveys.logic import logic_errors


class SurveyPageForm(WagtailAdminFormPageForm):
    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("form_fields")
        if formset is None:
            return cleaned_data
        formset.is_valid()  # cleans the questions (cached)
        kept = []
        for position, form in enumerate(formset.forms):
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            # A copy, so that working out keys here does not change what is saved.
            question = copy.copy(form.instance)
            question.clean_name = question.clean_name or question.get_field_clean_name()
            kept.append((data.get("ORDER") or position, position, form, question))
        kept.sort(key=lambda item: (item[0], item[1]))
        errors = logic_errors([question for *_rest, question in kept])
        for index, fields in errors.items():
            form = kept[index][2]
            for field, message in fields.items():
                form.add_error(field, message)
        if errors:
            raise ValidationError(
                _("The survey logic has problems; they are marked at the questions below.")
            )
        return cleaned_data
