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


class DeleteAccountForm(forms.Form):
    """Asks for the current password, or, for an account without one (signed
    up through another service), for its email address typed out."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.has_usable_password():
            self.fields["password"] = forms.CharField(
                label=_("Current password"),
                strip=False,
                widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
            )
        else:
            self.fields["email"] = forms.EmailField(
                label=_("Your account's email address"),
                help_text=_("Your account has no password: type its email address to confirm."),
                widget=forms.EmailInput(attrs={"autocomplete": "off"}),
            )

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."), code="password")
        return password

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email.lower() != (self.user.email or "").lower():
            raise forms.ValidationError(
                _("This is not your account's email address."), code="email"
            )
        return email
