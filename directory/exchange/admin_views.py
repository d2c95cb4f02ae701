"""Importing the directory from CSV in the Wagtail admin."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.viewsets.base import ViewSet

from directory.exchange import importer
from portal.two_factor import requires_two_factor


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What the file contains"),
        choices=[
            ("institutions", gettext_lazy("Institutions")),
            ("contacts", gettext_lazy("Contact people")),
        ],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(label=gettext_lazy("CSV file"))
    dry_run = forms.BooleanField(
        label=gettext_lazy("Dry run: check the file and show what would change, import nothing"),
        required=False,
        initial=True,
    )


@requires_two_factor
@permission_required("directory.add_institution", raise_exception=True)
def import_view(request):
    result = None
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            result = importer.import_csv(
                form.cleaned_data["file"], form.cleaned_data["kind"], form.cleaned_data["dry_run"]
            )
            if result.imported:
                messages.success(
                    request,
                    _("Imported %(count)d rows.") % {"count": len(result.rows)},
                )
            elif not result.ok:
                status = 400
        else:
            status = 400
    return TemplateResponse(
        request,
        "directory/exchange/admin_import.html",
        {
            "form": form,
            "result": result,
            "page_title": _("Import the directory from CSV"),
            "header_icon": "upload",
            "institution_columns": importer.INSTITUTION_COLUMNS,
            "contact_columns": importer.CONTACT_COLUMNS,
        },
        status=status,
    )


class ImportViewSet(ViewSet):
    name = "directory_import"
    icon = "upload"
    menu_label = gettext_lazy("Import CSV")

    def get_urlpatterns(self):
        return [path("", import_view, name="index")]
