"""My data: download it as JSON, or delete the account (GDPR art. 15, 17, 20)."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.forms import DeleteAccountForm
from portal.personal_data import CannotErase, erase, export_for
from portal.templatetags.portal_tags import localized_home_url


@login_required
@never_cache
def my_data(request):
    data = export_for(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@never_cache
def delete_account(request):
    user = request.user
    refused = _("Administrators cannot delete their own account here. Ask another administrator.")
    if user.is_superuser:
        return render(request, "portal/delete_account.html", {"refused": refused}, status=403)
    status = 200
    if request.method == "POST":
        form = DeleteAccountForm(request.POST, user=user)
        if form.is_valid():
            try:
                erase(user)
            except CannotErase as error:
                messages.error(request, error.message)
                return redirect("my_account")
            logout(request)
            messages.success(request, _("Your account and your personal data have been deleted."))
            return redirect(localized_home_url({"request": request}))
        status = 400
    else:
        form = DeleteAccountForm(user=user)
    return render(request, "portal/delete_account.html", {"form": form}, status=status)
