"""The directory's exports over HTTP: the filtered list as CSV (members only)
and vCards of institutions and people (the HSDS API is in exchange/hsds)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from directory.exchange import csv_export
from directory.exchange.vcards import institution_vcard as build_institution_vcard
from directory.exchange.vcards import person_vcard
from directory.models import Institution
from directory.views import filterset_for, visible_person
from directory.visibility import is_member
from portal import public_address
from portal.exports import csv_response


def export_csv(request):
    """The current filtered list as CSV, for members only."""
    if not is_member(request.user):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.get_full_path()}")
        raise Http404
    filterset = filterset_for(request, True)
    return csv_response(
        _("Directory"),
        csv_export.CSV_COLUMNS,
        csv_export.institution_rows(filterset.qs, public_address.absolute),
    )


def _vcard_response(text, filename):
    response = HttpResponse(text, content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.vcf"'
    return response


def contact_vcard(request, pk):
    person = visible_person(request, pk)
    url = public_address.absolute(person.get_absolute_url())
    return _vcard_response(person_vcard(person, url), f"contact-{person.pk}")


def institution_vcard(request, slug):
    institution = get_object_or_404(Institution, slug=slug)
    url = public_address.absolute(institution.get_absolute_url())
    text = build_institution_vcard(institution, is_member(request.user), url)
    return _vcard_response(text, institution.slug)
