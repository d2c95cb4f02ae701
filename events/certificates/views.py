"""Public verification of a certificate's code, and the attendee's own
download through their personal link."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from events.certificates import pdf
from events.certificates.services import certificate_for, find_certificate
from events.models.certificates import normalise_code
from events.translations import in_language
from events.views import registration_from_token

PDF_TYPE = "application/pdf"


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Verification code"),
        max_length=40,
        help_text=gettext_lazy(
            "As printed at the bottom of the certificate, e.g. ABCD-EFGH-JKMN-PQRS."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


def pdf_response(content, filename, *, inline=False):
    response = HttpResponse(content, content_type=PDF_TYPE)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def verify(request):
    """The form; a typed code leads to the certificate's page."""
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        code = normalise_code(form.cleaned_data["code"])
        if find_certificate(code) is not None:
            return redirect("events:certificates:detail", code=code)
        form.add_error("code", _("No certificate has this code. Check it and try again."))
    response = render(
        request,
        "events/certificates/verify.html",
        {"form": form},
        status=404
        if form.is_bound and form.errors.get("code") and request.GET.get("code")
        else 200,
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def detail(request, code):
    """What a verifier may see: the holder's name, the event and its dates."""
    certificate = find_certificate(code)
    if certificate is None:
        response = render(
            request,
            "events/certificates/not_found.html",
            {"form": VerifyForm(initial={"code": code[:40]})},
            status=404,
        )
    else:
        event = certificate.registration.event
        (page,) = in_language([event], request.LANGUAGE_CODE)
        response = render(
            request,
            "events/certificates/detail.html",
            {"certificate": certificate, "registration": certificate.registration, "event": page},
        )
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def download(request, token):
    """The attendee's certificate, through the personal link from their mail."""
    registration = registration_from_token(token, "manage_token")
    certificate = certificate_for(registration)
    if certificate is None:
        response = render(
            request,
            "events/certificates/unavailable.html",
            {"registration": registration, "event": registration.event},
            status=404,
        )
        response["Cache-Control"] = "private, no-store"
        return response
    # In the attendee's language, whichever link (mail, My account) led here.
    content = pdf.certificates_pdf([certificate])
    return pdf_response(content, f"certificate-{certificate.code}.pdf")
