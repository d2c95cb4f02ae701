"""Members' personal API tokens for the HSDS API, made and revoked on My
account. The secret is shown once, on the page that answers its creation,
and only its digest is kept."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from directory.models import ApiToken
from directory.visibility import is_member

MAX_ACTIVE_TOKENS = 10


class ApiTokenForm(forms.Form):
    # Its own prefix: on My account it sits beside the profile form.
    prefix = "api-token"

    name = forms.CharField(
        label=gettext_lazy("What the token is for"),
        max_length=100,
        help_text=gettext_lazy("e.g. “Case management system”, so you recognise it later."),
    )


@never_cache
@login_required
@require_POST
def create_token(request):
    if not is_member(request.user):
        raise Http404
    form = ApiTokenForm(request.POST)
    if form.is_valid() and (
        ApiToken.objects.active().filter(user=request.user).count() >= MAX_ACTIVE_TOKENS
    ):
        form.add_error(
            None,
            _("You have %(count)d tokens already; revoke one you no longer use first.")
            % {"count": MAX_ACTIVE_TOKENS},
        )
    if not form.is_valid():
        return render(request, "directory/exchange/api_token_form.html", {"form": form}, status=400)
    token, secret = ApiToken.issue(request.user, form.cleaned_data["name"])
    return render(
        request, "directory/exchange/api_token_created.html", {"token": token, "secret": secret}
    )


@login_required
@require_POST
def revoke_token(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token.revoke()
    messages.success(request, _("The token “%(name)s” has been revoked.") % {"name": token.name})
    return redirect("my_account")


def account_section(request):
    """The "API tokens" panel on My account, for members (and for a former
    member who still has tokens to revoke)."""
    user = request.user
    if not user.is_authenticated:
        return None
    tokens = list(ApiToken.objects.active().filter(user=user))
    member = is_member(user)
    if not member and not tokens:
        return None
    return {
        "template": "directory/exchange/api_tokens_section.html",
        "tokens": tokens,
        "can_create": member,
        "form": ApiTokenForm(),
        "api_url": reverse("directory:hsds_root"),
    }
