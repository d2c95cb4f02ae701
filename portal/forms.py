from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from portal.models import User


class SignupForm(forms.Form):
    """Extra fields allauth's sign-up form asks for."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.preferred_language = getattr(request, "LANGUAGE_CODE", "") or ""
        user.save()


class ProfileForm(forms.ModelForm):
    preferred_language = forms.ChoiceField(
        label=_("Language for emails"), choices=settings.LANGUAGES
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "preferred_language"]


class WagtailUserEditForm(UserEditForm):
    preferred_language = forms.ChoiceField(
        label=_("Language for emails"), choices=[("", "—"), *settings.LANGUAGES], required=False
    )


class WagtailUserCreationForm(UserCreationForm):
    preferred_language = forms.ChoiceField(
        label=_("Language for emails"), choices=[("", "—"), *settings.LANGUAGES], required=False
    )
