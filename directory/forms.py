from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Institution

# Larger numbers do not fit the database's integer column.
MAX_ID = 2**63 - 1


class OutdatedReportForm(forms.Form):
    message = forms.CharField(
        label=_("What is out of date?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: a person has left, a phone number has changed."),
    )


class MembershipRequestForm(forms.Form):
    institution = forms.IntegerField(
        label=_("Institution"),
        min_value=1,
        max_value=MAX_ID,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("Choose an institution from the directory."),
            "min_value": _("Choose an institution from the directory."),
            "max_value": _("Choose an institution from the directory."),
            "required": _("Choose an institution from the directory."),
        },
    )
    position = forms.CharField(label=_("Your position"), max_length=200, required=False)
    message = forms.CharField(
        label=_("Message to the moderators"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How can the moderators confirm that you work there?"),
    )

    def clean_institution(self):
        institution = Institution.objects.filter(pk=self.cleaned_data["institution"]).first()
        if institution is None:
            raise forms.ValidationError(_("Choose an institution from the directory."))
        return institution
