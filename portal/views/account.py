from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal import sections
from portal.forms import ProfileForm


def account_sections(request):
    """Panels other apps add to My account (my institution, my events, my feed)."""
    return sections.collect("portal_account_sections", request)


@login_required
def my_account(request):
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=user)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile has been saved."))
            return redirect("my_account")
        status = 400
    else:
        form = ProfileForm(
            instance=user,
            initial={"preferred_language": user.preferred_language or request.LANGUAGE_CODE},
        )
        status = 200
    context = {
        "form": form,
        "email_addresses": EmailAddress.objects.filter(user=user).order_by("-primary", "email"),
        "has_totp": Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists(),
        "account_sections": account_sections(request),
    }
    return render(request, "portal/my_account.html", context, status=status)
