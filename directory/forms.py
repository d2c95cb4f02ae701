from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Institution


class OutdatedReportForm(forms.Form):
    message = forms.CharField(
        label=_("What is out of date?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: a person has left, a phone number has changed."),
    )


class MembershipRequestForm(forms.Form):
    institution = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.all(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Choose an institution from the directory.")},
    )
    position = forms.CharField(label=_("Your position"), max_length=200, required=False)
    message = forms.CharField(
        label=_("Message to the moderators"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How can the moderators confirm that you work there?"),
    )
