"""Deciding membership requests in the Wagtail admin."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from directory import services
from directory.choices import MembershipStatus
from directory.models import Membership
from portal.two_factor import requires_two_factor


def decide_link(membership):
    if membership.status != MembershipStatus.REQUESTED:
        return ""
    return format_html(
        '<a href="{}">{}</a>',
        reverse("directory_membership:decide", args=[membership.pk]),
        _("Approve or reject"),
    )


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (sent to the user when rejecting)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@requires_two_factor
@permission_required("directory.change_membership", raise_exception=True)
def decide_membership(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("user", "institution"), pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = request.POST.get("decision")
        try:
            if decision == "approve":
                services.approve_membership(membership, by=request.user)
                messages.success(request, _("Membership approved; the user has been emailed."))
            elif decision == "reject":
                services.reject_membership(
                    membership, by=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("Request rejected; the user has been emailed."))
            else:
                messages.error(request, _("Choose approve or reject."))
                return redirect("directory_membership:decide", pk=pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("directory_membership:index")
    return TemplateResponse(
        request,
        "directory/admin/decide_membership.html",
        {
            "membership": membership,
            "form": form,
            "page_title": _("Membership request"),
            "header_icon": "group",
        },
    )
