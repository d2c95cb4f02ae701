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

from resources.surveys.logic import SKIP_TO_END, aliases, resolve, visible_questions

CONSENT_FIELD = "consent"
LANGUAGE_FIELD = "lang"
INVITATION_FIELD = "invitation"


def yes_no_labels(language):
    with translation.override(language):
        return [gettext("Yes"), gettext("No")]


class SurveyFormBuilder(FormBuilder):
    def __init__(self, fields, language):
        super().__init__(fields)
        self.language = language

    def get_field_options(self, field):
        # "Required" is checked by SurveyForm.clean, and only for the questions
        # the respondent is shown: a question hidden by the logic is never required.
        return {
            "label": field.label_in(self.language),
            "help_text": field.help_text_in(self.language),
            "required": False,
        }

    @property
    def formfields(self):
        fields = super().formfields
        for question in self.fields:
            fields[question.clean_name].survey_required = question.required
        return fields

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
        fields[INVITATION_FIELD] = forms.CharField(
            widget=forms.HiddenInput, required=False, max_length=64
        )
        # Underscored: a question's key never starts with one, so none is overwritten.
        fields["_questions"] = list(self.fields)
        fields["_language"] = self.language
        return type("SurveyForm", (SurveyForm,), fields)


# Shown under a question when the script is off: every question is on the page,
# and these say which ones to answer.
CONDITION_HINTS = {
    "is": _("Answer this only if you answered “%(option)s” to “%(question)s”."),
    "is_not": _("Answer this only if your answer to “%(question)s” was not “%(option)s”."),
    "includes": _("Answer this only if you chose “%(option)s” in “%(question)s”."),
    "excludes": _("Answer this only if you did not choose “%(option)s” in “%(question)s”."),
}
SKIP_HINT = _("If you answer “%(option)s”, go on to “%(question)s”.")
SKIP_TO_END_HINT = _("If you answer “%(option)s”, skip the other questions and send your answers.")


class SurveyForm(BaseForm):
    _questions = ()
    _language = "en"

    def clean(self):
        """Keeps only the questions the respondent is shown (given their answers)
        and requires the required ones among them; answers and errors of hidden
        questions are dropped, so they are never stored."""
        cleaned_data = super().clean()
        answers = {q.clean_name: cleaned_data.get(q.clean_name) for q in self._questions}
        self.shown = set(visible_questions(self._questions, answers))
        for question in self._questions:
            name = question.clean_name
            if name not in self.shown:
                self.errors.pop(name, None)
                cleaned_data.pop(name, None)
            elif (
                question.required
                and cleaned_data.get(name) in ("", None, [])
                and name not in self.errors
            ):
                self.add_error(name, forms.Field.default_error_messages["required"])
        return cleaned_data

    def rows(self):
        """(bound field, data attributes for the script, hints) of each question."""
        names = aliases(self._questions)
        by_key = {q.clean_name: q for q in self._questions}
        for question in self._questions:
            attributes = {"question": question.clean_name}
            hints = []
            source = by_key.get(resolve(names, question.condition_question))
            if question.has_condition and source is not None:
                operator = question.condition_operator or "is"
                value = question.condition_value.strip()
                attributes.update(
                    {"condition-question": source.clean_name, "condition-operator": operator}
                )
                attributes["condition-value"] = value
                hints.append(
                    (
                        "condition",
                        CONDITION_HINTS.get(operator, CONDITION_HINTS["is"])
                        % {
                            "question": source.label_in(self._language),
                            "option": source.option_label(value, self._language),
                        },
                    )
                )
            if question.has_skip:
                when = question.skip_when.strip()
                target = question.skip_to.strip()
                option = question.option_label(when, self._language)
                attributes["skip-when"] = when
                if target.lower() == SKIP_TO_END:
                    attributes["skip-to"] = SKIP_TO_END
                    hints.append(("skip", SKIP_TO_END_HINT % {"option": option}))
                elif (skip_to := by_key.get(resolve(names, target))) is not None:
                    attributes["skip-to"] = skip_to.clean_name
                    question_label = skip_to.label_in(self._language)
                    hints.append(
                        ("skip", SKIP_HINT % {"option": option, "question": question_label})
                    )
            yield self[question.clean_name], attributes, hints

    def answers(self):
        """The answers to store: option keys, plain numbers and trimmed text, without
        the consent, language and invitation fields; unanswered optional questions
        (and hidden ones, see clean) are left out."""
        answers = {}
        for name, value in self.cleaned_data.items():
            if name in (CONSENT_FIELD, LANGUAGE_FIELD, INVITATION_FIELD) or value in ("", None, []):
                continue
            if isinstance(value, Decimal):
                value = int(value) if value == value.to_integral_value() else float(value)
            elif isinstance(value, str):
                value = value.strip()
            answers[name] = value
        return answers


def build_survey_form(survey, language, data=None, invitation=""):
    questions = list(survey.form_fields.order_by("sort_order", "pk"))
    for question in questions:
        # Unsaved questions (a preview) get the key saving would give them.
        question.clean_name = question.clean_name or question.get_field_clean_name()
    builder = SurveyFormBuilder(questions, language)
    form_class = builder.get_form_class()
    return form_class(
        data, initial={LANGUAGE_FIELD: language, INVITATION_FIELD: invitation}, page=survey
    )
