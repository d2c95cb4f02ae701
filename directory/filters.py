"""The directory list's filters: GET parameters, so a filtered list is a URL
that can be shared. Counts next to the options come from one aggregate query
per facet, whatever the number of options."""

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Count, F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from directory.choices import InstitutionKind
from directory.countries import country_name, region_name
from directory.models import Institution
from portal.languages import LANGUAGE_NAMES

MAX_QUERY_LENGTH = 200
# Above this many text matches the ids are not inlined into later queries.
MAX_INLINE_IDS = 900

SORT_CHOICES = [("name", _("Name")), ("verified", _("Recently verified"))]


class InstitutionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Name, acronym, city or a person's name"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=InstitutionKind.choices, empty_label=_("Any kind")
    )
    country = django_filters.CharFilter(
        label=_("Country"),
        method="filter_country",
        validators=[RegexValidator(r"^[A-Za-z]{2}$", _("Choose a country from the list."))],
    )
    region = django_filters.CharFilter(label=_("Region"), max_length=100)
    topic = django_filters.CharFilter(
        label=_("Topic"),
        field_name="competences__slug",
        max_length=120,
        validators=[RegexValidator(r"^[-\w]+$", _("Choose a topic from the list."))],
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        field_name="languages__code",
        choices=sorted(LANGUAGE_NAMES.items()),
        empty_label=_("Any language"),
    )
    focal = django_filters.BooleanFilter(
        label=_("Focal points only"), method="filter_focal", widget=forms.CheckboxInput
    )
    hotline = django_filters.BooleanFilter(
        label=_("Has a 24/7 hotline"), method="filter_hotline", widget=forms.CheckboxInput
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORT_CHOICES, method="filter_sort", empty_label=None
    )

    FACETS = {
        "kind": "kind",
        "country": "country",
        "region": "region",
        "topic": "competences__slug",
        "language": "languages__code",
    }

    class Meta:
        model = Institution
        fields = []

    def __init__(self, data=None, *args, viewer_is_member=False, **kwargs):
        self.viewer_is_member = viewer_is_member
        self._text_ids = None
        super().__init__(data, *args, **kwargs)

    # Filters -----------------------------------------------------------

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if self._text_ids is None:
            # Run the text search once; the facet queries reuse its result.
            matches = Institution.objects.search(value, self.viewer_is_member)
            ids = list(matches.values_list("pk", flat=True)[: MAX_INLINE_IDS + 1])
            self._text_ids = ids if len(ids) <= MAX_INLINE_IDS else False
        if self._text_ids is False:
            return queryset.search(value, self.viewer_is_member)
        return queryset.filter(pk__in=self._text_ids)

    def filter_country(self, queryset, name, value):
        return queryset.filter(country=value.upper())

    def filter_focal(self, queryset, name, value):
        return queryset.with_focal_point(self.viewer_is_member) if value else queryset

    def filter_hotline(self, queryset, name, value):
        return queryset.with_hotline(self.viewer_is_member) if value else queryset

    def filter_sort(self, queryset, name, value):
        return queryset

    # Queries -------------------------------------------------------------

    def filtered(self, queryset, exclude=None):
        """The queryset with every valid filter applied except `exclude`."""
        # An invalid value is left out (and reported by the view); the
        # valid filters still apply.
        cleaned = self.cleaned_data()
        for name, value in cleaned.items():
            if name == exclude or name == "sort":
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def cleaned_data(self):
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return self.form.cleaned_data

    def filter_queryset(self, queryset):
        queryset = self.filtered(queryset)
        return self.sorted(queryset)

    def sorted(self, queryset):
        sort = self.cleaned_data().get("sort") or "name"
        if sort == "verified":
            return queryset.order_by(F("last_verified_at").desc(nulls_last=True), "name")
        if get_language() == "pl":
            return queryset.annotate(
                sort_name=Coalesce(NullIf("name_pl", Value("")), "name")
            ).order_by("sort_name")
        return queryset.order_by("name")

    def facets(self, base_queryset, topic_names):
        """Options with counts for each facet: how many institutions the list
        would show with that option chosen and the other filters kept."""
        cleaned = self.cleaned_data()
        facets = {}
        for name, field in self.FACETS.items():
            rows = (
                self.filtered(base_queryset, exclude=name)
                .order_by()
                .values(field)
                .annotate(n=Count("pk", distinct=True))
            )
            counts = {row[field]: row["n"] for row in rows if row[field]}
            selected = cleaned.get(name) or ""
            if name == "country":
                selected = selected.upper()
            options = [
                {"value": value, "label": self.option_label(name, value, topic_names), "count": n}
                for value, n in counts.items()
            ]
            if selected and selected not in counts:
                options.append(
                    {
                        "value": selected,
                        "label": self.option_label(name, selected, topic_names),
                        "count": 0,
                    }
                )
            options.sort(key=lambda option: str(option["label"]).lower())
            facets[name] = {"options": options, "selected": selected}
        for name in ("focal", "hotline"):
            queryset = self.filtered(base_queryset, exclude=name)
            queryset = (
                queryset.with_focal_point(self.viewer_is_member)
                if name == "focal"
                else queryset.with_hotline(self.viewer_is_member)
            )
            facets[name] = {"count": queryset.count(), "selected": bool(cleaned.get(name))}
        return facets

    @staticmethod
    def option_label(name, value, topic_names):
        if name == "kind":
            return dict(InstitutionKind.choices).get(value, value)
        if name == "country":
            return country_name(value)
        if name == "region":
            return region_name(value)
        if name == "topic":
            return topic_names.get(value, value)
        if name == "language":
            return LANGUAGE_NAMES.get(value, value)
        return value
