"""The respondent's form: Wagtail's form builder, in the language they chose.

Labels, help texts and option labels are in the respondent's language, while
the values the form accepts (and the answers stored) are the English option
keys, the same in every language. Interface strings (consent checkbox, yes/no,
Django's own error messages) are translated by gettext: the view validates and
renders the form inside `translation.override(language)`, and Ukrainian, which
is not a language of the site, has its own small catalogue in locale/uk."""

from decimal import Decimal

from django import forms
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

CONSENT_FIELD = "consent"
LANGUAGE_FIELD = "lang"


def yes_no_labels(language):
    with translation.override(language):
        return [gettext("Yes"), gettext("No")]


class SurveyFormBuilder(FormBuilder):
    def __init__(self, fields, language):
        super().__init__(fields)
        self.language = language

    def get_field_options(self, field):
        return {
            "label": field.label_in(self.language),
            "help_text": field.help_text_in(self.language),
            "required": field.required,
        }

    def get_formatted_field_choices(self, field):
        return field.options_in(self.language)

    def create_singleline_field(self, field, options):
        return forms.CharField(max_length=255, **options)

    def create_multiline_field(self, field, options):
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=5000, **options)

    def create_number_field(self, field, options):
        return forms.DecimalField(max_digits=12, decimal_places=2, **options)

    def create_dropdown_field(self, field, options):
        # An empty first entry, so nobody answers the first option by accident.
        choices = [("", "—"), *self.get_formatted_field_choices(field)]
        return forms.ChoiceField(choices=choices, **options)

    def create_checkboxes_field(self, field, options):
        return forms.MultipleChoiceField(
            choices=self.get_formatted_field_choices(field),
            widget=forms.CheckboxSelectMultiple,
            **options,
        )

    def create_yesno_field(self, field, options):
        return forms.ChoiceField(
            choices=self.get_formatted_field_choices(field), widget=forms.RadioSelect, **options
        )

    def get_form_class(self):
        fields = self.formfields
        fields[CONSENT_FIELD] = forms.BooleanField(
            label=_("I have read the information above and agree to take part."), required=True
        )
        fields[LANGUAGE_FIELD] = forms.CharField(widget=forms.HiddenInput)
        return type("SurveyForm", (SurveyForm,), fields)


class SurveyForm(BaseForm):
    def answers(self):
        """The answers to store: option keys, plain numbers and trimmed text, without
        the consent and language fields; unanswered optional questions are left out."""
        answers = {}
        for name, value in self.cleaned_data.items():
            if name in (CONSENT_FIELD, LANGUAGE_FIELD) or value in ("", None, []):
                continue
            if isinstance(value, Decimal):
                value = int(value) if value == value.to_integral_value() else float(value)
            elif isinstance(value, str):
                value = value.strip()
            answers[name] = value
        return answers


def build_survey_form(survey, language, data=None):
    builder = SurveyFormBuilder(survey.form_fields.all(), language)
    form_class = builder.get_form_class()
    return form_class(data, initial={LANGUAGE_FIELD: language}, page=survey)
