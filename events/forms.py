from django import forms
from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from directory.models import Institution
from events.choices import QuestionType
from portal.request_cache import remembered

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def find_institution(text):
    """The directory institution whose name the person typed, if any.

    Remembered per name until the directory (or any content) changes: a
    conference's registrants type the same few names, and the lookup reads
    the whole directory (no index serves a case-insensitive match)."""
    text = (text or "").strip()
    if not text:
        return None

    def lookup():
        return (
            Institution.objects.filter(
                Q(name__iexact=text) | Q(name_pl__iexact=text) | Q(short_name__iexact=text)
            )
            .order_by("pk")
            .first()
        )

    return remembered("events:institution-by-name", [text], lookup)


def question_fields(questions, initial_answers=None):
    """Form fields for the organiser's questions, keyed `q_<key>`."""
    fields = {}
    initial_answers = initial_answers or {}
    for question in questions:
        name = f"q_{question.key}"
        common = {"label": question.label, "required": question.required}
        initial = initial_answers.get(question.key)
        if question.question_type == QuestionType.SINGLE:
            choices = [(c, c) for c in question.choice_list]
            field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        elif question.question_type == QuestionType.MULTIPLE:
            choices = [(c, c) for c in question.choice_list]
            field = forms.MultipleChoiceField(
                choices=choices, widget=forms.CheckboxSelectMultiple, **common
            )
        elif question.question_type == QuestionType.YES_NO:
            field = forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
        else:
            field = forms.CharField(
                max_length=1000, widget=forms.Textarea(attrs={"rows": 3}), **common
            )
        field.initial = initial
        fields[name] = field
    return fields


class AnswersMixin:
    def add_question_fields(self, questions, answers=None):
        self.questions = list(questions)
        for name, field in question_fields(self.questions, answers).items():
            self.fields[name] = field

    def collected_answers(self):
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q_{question.key}")
            if value not in (None, "", []):
                answers[question.key] = value
        return answers

    def clean_institution_name(self):
        return (self.cleaned_data.get("institution_name") or "").strip()

    def institution_fields(self):
        text = self.cleaned_data.get("institution_name", "")
        institution = find_institution(text)
        return {
            "institution": institution,
            "institution_other": "" if institution else text,
        }


class RegistrationForm(AnswersMixin, forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("Email"), max_length=254)
    institution_name = forms.CharField(
        label=_("Institution"),
        max_length=255,
        help_text=_(
            "Start typing to choose from the directory, or type the name of another institution."
        ),
        widget=forms.TextInput(
            attrs={
                "list": "institution-options",
                "autocomplete": "organization",
                "data-institution-search": "",
            }
        ),
    )
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=50, required=False)
    dietary = forms.CharField(label=_("Dietary needs"), max_length=500, required=False)
    accessibility = forms.CharField(
        label=_("Accessibility needs"),
        max_length=500,
        required=False,
        help_text=_("E.g. step-free access, sign language interpretation, induction loop."),
    )
    invitation_code = forms.CharField(label=_("Invitation code"), max_length=32, required=False)
    consent = forms.BooleanField(label=_("I agree to the processing of my personal data"))
    # Honeypot: hidden from people (CSS and aria-hidden); bots fill it in.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # components/form_fields.html hides a trap's wrapper (aria-hidden, off-screen).
    website.is_trap = True

    def __init__(self, *args, event, privacy_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        if event.audience != "invitation":
            del self.fields["invitation_code"]
        else:
            self.fields["invitation_code"].required = True
        self.show_privacy_link(privacy_url)
        self.add_question_fields(event.questions.all())

    def show_privacy_link(self, privacy_url):
        if privacy_url:
            self.fields["consent"].help_text = format_html(
                '{} <a href="{}">{}</a>.',
                _("The organisers use your data only to run this event, as described in the"),
                privacy_url,
                _("privacy policy"),
            )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Your registration could not be accepted."))
        return ""

    def registration_data(self):
        data = {
            "name": self.cleaned_data["name"].strip(),
            "email": self.cleaned_data["email"],
            "position": self.cleaned_data.get("position", ""),
            "phone": self.cleaned_data.get("phone", ""),
            "dietary": self.cleaned_data.get("dietary", ""),
            "accessibility": self.cleaned_data.get("accessibility", ""),
            "answers": self.collected_answers(),
        }
        data.update(self.institution_fields())
        return data


class ManageRegistrationForm(AnswersMixin, forms.Form):
    institution_name = RegistrationForm.base_fields["institution_name"]
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=50, required=False)
    dietary = forms.CharField(label=_("Dietary needs"), max_length=500, required=False)
    accessibility = forms.CharField(label=_("Accessibility needs"), max_length=500, required=False)

    def __init__(self, *args, registration, questions, **kwargs):
        initial = {
            "institution_name": registration.institution_label,
            "position": registration.position,
            "phone": registration.phone,
            "dietary": registration.dietary,
            "accessibility": registration.accessibility,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.add_question_fields(questions, registration.answers)

    def registration_data(self):
        data = {
            name: self.cleaned_data.get(name, "")
            for name in ("position", "phone", "dietary", "accessibility")
        }
        data["answers"] = self.collected_answers()
        data.update(self.institution_fields())
        return data
