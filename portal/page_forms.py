"""Pieces of admin page forms that several page types share."""

import re
from decimal import Decimal, InvalidOperation
from urllib.parse import parse_qs, urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class LocalisedTopicsPageForm(WagtailAdminPageForm):
    """Topics exist once per language; offer those of the page's language,
    each once, sorted by name."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        if "topics" in self.fields:
            locale_id = self.instance.locale_id or (parent_page and parent_page.locale_id)
            if locale_id:
                self.fields["topics"].queryset = (
                    self.fields["topics"].queryset.filter(locale_id=locale_id).order_by("name")
                )


class SearchableCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes with a filter box above them (static JS; without JavaScript
    they are plain checkboxes), chosen items first: picking three organisers
    out of a hundred institutions without ctrl-clicking a long list."""

    template_name = "portal/widgets/searchable_checkboxes.html"

    class Media:
        js = ["portal/admin/searchable-checkboxes.js"]
        css = {"all": ["portal/admin/searchable-checkboxes.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["filter_label"] = _("Filter the list")
        return context

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        # Chosen items first, then the rest, keeping each part's order.
        return sorted(groups, key=lambda group: not any(opt["selected"] for opt in group[1]))


DECIMAL = r"[-+]?\d{1,3}(?:\.\d+)?"
PAIR = re.compile(rf"^\s*(?:geo:)?({DECIMAL})\s*[,; ]\s*({DECIMAL})\s*$")
MAP_FRAGMENT = re.compile(rf"map=\d+(?:\.\d+)?/({DECIMAL})/({DECIMAL})")
AT_PAIR = re.compile(rf"@({DECIMAL}),({DECIMAL})")


def parse_coordinates(text):
    """(latitude, longitude) from "52.2297, 21.0122", a geo: URI or an
    OpenStreetMap (or similar) link; None when nothing can be read. No lookup
    over the network: this works on an offline server."""
    text = (text or "").strip()
    if not text or len(text) > 2000:
        return None
    found = PAIR.match(text)
    if found is None and "://" in text:
        url = urlsplit(text)
        query = parse_qs(url.query)
        if "mlat" in query and "mlon" in query:
            found = re.match(
                rf"^({DECIMAL})\s({DECIMAL})$", f"{query['mlat'][0]} {query['mlon'][0]}"
            )
        found = found or MAP_FRAGMENT.search(url.fragment) or MAP_FRAGMENT.search(url.query)
        found = found or AT_PAIR.search(url.path)
    if found is None:
        return None
    try:
        latitude, longitude = Decimal(found.group(1)), Decimal(found.group(2))
    except InvalidOperation:
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    quantum = Decimal("0.000001")
    return latitude.quantize(quantum), longitude.quantize(quantum)


class CoordinatesFormMixin(forms.Form):
    """A "paste the place" field that fills latitude and longitude."""

    coordinates = forms.CharField(
        label=_("Paste coordinates or a map link"),
        required=False,
        max_length=2000,
        help_text=_(
            "“52.2297, 21.0122”, or a link copied from OpenStreetMap "
            "(openstreetmap.org/#map=17/52.2297/21.0122); fills in latitude and longitude."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        text = cleaned_data.get("coordinates")
        if text:
            parsed = parse_coordinates(text)
            if parsed is None:
                self.add_error(
                    "coordinates",
                    _(
                        "These are not coordinates we can read. Paste two numbers such as "
                        "“52.2297, 21.0122” or a map link that contains them."
                    ),
                )
            else:
                cleaned_data["latitude"], cleaned_data["longitude"] = parsed
                self.instance.latitude, self.instance.longitude = parsed
        return cleaned_data
