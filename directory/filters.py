"""The directory list's filters: GET parameters, so a filtered list is a URL
that can be shared. Counts next to the options come from one query (a union of
grouped queries), whatever the number of facets and options."""

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail.models import Locale

from directory import cache as directory_cache
from directory.choices import InstitutionKind, region_name
from directory.models import Institution
from directory.visibility import visible_values
from portal.languages import LANGUAGE_NAMES
from portal.models import Topic

MAX_QUERY_LENGTH = 200

# The columns of every part of the facet counts' union, in its order.
UNION_COLUMNS = (
    "facet",
    "kind_",
    "country_",
    "region_",
    "focal",
    "hotline_shown",
    "value",
    "label",
)

# "Name" of an institution, not of a person (Polish uses different words).
SORT_CHOICES = [
    ("name", pgettext_lazy("institution", "Name")),
    ("verified", _("Recently verified")),
]


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

    M2M_FACETS = {
        "topic": (Institution.competences.through, "institution_id", "topic__slug"),
        "language": (Institution.languages.through, "institution_id", "language_id"),
    }

    class Meta:
        model = Institution
        fields = []

    def __init__(self, data=None, *args, viewer_is_member=False, **kwargs):
        self.viewer_is_member = viewer_is_member
        super().__init__(data, *args, **kwargs)

    # Filters -----------------------------------------------------------

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.search(value, self.viewer_is_member) if value else queryset

    def filter_country(self, queryset, name, value):
        return queryset.filter(country=value.upper())

    def filter_focal(self, queryset, name, value):
        return queryset.with_focal_point(self.viewer_is_member) if value else queryset

    def filter_hotline(self, queryset, name, value):
        return queryset.with_hotline(self.viewer_is_member) if value else queryset

    def filter_sort(self, queryset, name, value):
        return queryset

    # Queries -------------------------------------------------------------

    def filtered(self, queryset, exclude=()):
        """The queryset with every valid filter applied except those in `exclude`."""
        # An invalid value is left out (and reported by the view); the
        # valid filters still apply.
        exclude = {exclude} if isinstance(exclude, str) else set(exclude)
        for name, value in self.cleaned_data().items():
            if name in exclude or name == "sort":
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

    def _selected(self):
        cleaned = self.cleaned_data()
        return {
            "kind": cleaned.get("kind") or None,
            "country": (cleaned.get("country") or "").upper() or None,
            "region": cleaned.get("region") or None,
            "focal": True if cleaned.get("focal") else None,
            "hotline": True if cleaned.get("hotline") else None,
        }

    def cache_params(self):
        """The parsed filter values and the sort order, for cache keys (never
        the raw query string): equal lists give equal values."""
        return {
            name: value
            for name, value in self.cleaned_data().items()
            if value not in (None, "", False)
        }

    def cached_facets(self, base_queryset, topic_names):
        """facets(), cached until the directory's data changes. `topic_names`
        is called only when a label needs it (see facets())."""
        params = {
            name: value
            for name, value in self.cleaned_data().items()
            if name != "sort" and value not in (None, "", False)
        }
        return directory_cache.remember(
            "facets",
            directory_cache.facets_parts(params, self.viewer_is_member, get_language()),
            lambda: self.facets(base_queryset, topic_names),
        )

    def facets(self, base_queryset, topic_names):
        """Options with counts for each facet: how many institutions the list
        would show with that option chosen and the other filters kept.

        All from ONE query, a union of three grouped queries:

        - kind, country, region, focal point and hotline: the list without
          those five filters, grouped by the five; each facet sums the
          groups that pass the other four;
        - topics and languages: counted on their link tables, each topic
          with its name in the active language.

        `topic_names()` ({slug: name} in the active language) is only called
        for a chosen topic no institution has. Returns (facets, total)."""
        selected = self._selected()
        focal_field = "focal_members" if self.viewer_is_member else "focal_public"
        # Facet: column of the union (the model's own names are taken).
        columns = {
            "kind": "kind_",
            "country": "country_",
            "region": "region_",
            "focal": "focal",
            "hotline": "hotline_shown",
        }
        text = CharField()
        grouped = (
            self.filtered(base_queryset, exclude=columns)
            .annotate(
                # The same columns, in the same order, in every part of the union.
                facet=Value("", output_field=text),
                kind_=F("kind"),
                country_=F("country"),
                region_=F("region"),
                focal=F(focal_field),
                hotline_shown=Case(
                    When(
                        ~Q(hotline="")
                        & Q(hotline_visibility__in=visible_values(self.viewer_is_member)),
                        then=Value(True),
                    ),
                    default=Value(False),
                    output_field=BooleanField(),
                ),
                value=Value("", output_field=text),
                label=Value("", output_field=text),
            )
            .order_by()
            .values(*UNION_COLUMNS)
            .annotate(n=Count("pk"))
        )
        cleaned = self.cleaned_data()
        parts = []
        for name, (through, column, value_field) in self.M2M_FACETS.items():
            links = through.objects.all()
            other_filters = [
                other
                for other, value in cleaned.items()
                if other not in (name, "sort") and value not in (None, "", False)
            ]
            if other_filters or base_queryset.query.where:
                filtered = self.filtered(base_queryset, exclude=name)
                links = links.filter(institution_id__in=filtered.order_by().values("pk"))
            # else: every link counts; no need to ask which institutions pass.
            if name == "topic":
                label = Subquery(
                    Topic.objects.filter(locale=Locale.get_active(), slug=OuterRef(value_field))
                    .order_by()
                    .values("name")[:1]
                )
            else:
                label = Value("", output_field=text)
            parts.append(
                links.annotate(
                    facet=Value(name, output_field=text),
                    kind_=Value(None, output_field=text),
                    country_=Value(None, output_field=text),
                    region_=Value(None, output_field=text),
                    focal=Value(None, output_field=BooleanField()),
                    hotline_shown=Value(None, output_field=BooleanField()),
                    value=F(value_field),
                    label=label,
                )
                .order_by()
                .values(*UNION_COLUMNS)
                .annotate(n=Count(column))
            )
        groups, linked = [], {name: [] for name in self.M2M_FACETS}
        for row in grouped.union(*parts, all=True):
            if not row["facet"]:
                groups.append(row)
            elif row["value"]:
                linked[row["facet"]].append(row)

        def passes(group, skip):
            return all(
                selected[name] is None or group[column] == selected[name]
                for name, column in columns.items()
                if name != skip
            )

        facets = {}
        for name in ("kind", "country", "region"):
            counts = {}
            for group in groups:
                value = group[columns[name]]
                if value and passes(group, name):
                    counts[value] = counts.get(value, 0) + group["n"]
            facets[name] = self._options(name, counts, selected[name])
        for name in ("focal", "hotline"):
            count = sum(
                group["n"] for group in groups if group[columns[name]] and passes(group, name)
            )
            facets[name] = {"count": count, "selected": bool(selected[name])}
        total = sum(group["n"] for group in groups if passes(group, None))

        for name, rows in linked.items():
            counts = {row["value"]: row["n"] for row in rows}
            chosen = cleaned.get(name) or ""
            labels = None
            if name == "topic":
                # Its slug when a topic has no name in this language.
                labels = {row["value"]: row["label"] or row["value"] for row in rows}
                if chosen and chosen not in labels:
                    labels[chosen] = topic_names().get(chosen, chosen)
            facets[name] = self._options(name, counts, chosen, labels)
        return facets, total

    def _options(self, name, counts, selected, topic_names=None):
        selected = selected or ""
        options = [
            {"value": value, "label": str(self.option_label(name, value, topic_names)), "count": n}
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
        return {"options": options, "selected": selected}

    @staticmethod
    def option_label(name, value, topic_names):
        if name == "kind":
            return dict(InstitutionKind.choices).get(value, value)
        if name == "country":
            return countries.name(value) or value
        if name == "region":
            return region_name(value)
        if name == "topic":
            return topic_names.get(value, value)
        if name == "language":
            return LANGUAGE_NAMES.get(value, value)
        return value
