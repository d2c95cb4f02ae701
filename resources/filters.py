"""Filters of the materials library and the study-visits index. They are GET
parameters, so a filtered list is a shareable address."""

import django_filters
from django import forms
from django.db.models import IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail.models import Locale

from directory.models import Institution
from portal.models import Language, Topic
from resources.choices import MaterialSort, MaterialType
from resources.models import MaterialFile, MaterialPage, StudyVisitPage

MAX_QUERY_LENGTH = 200


def _topic_choices(through, owner_field, queryset):
    slugs = through.objects.filter(**{f"{owner_field}__in": queryset.values("pk")}).values(
        "topic__slug"
    )
    topics = Topic.objects.filter(locale=Locale.get_active(), slug__in=slugs).order_by("name")
    return [(topic.slug, topic.name) for topic in topics]


def _year_choices(queryset, field):
    years = sorted({d.year for d in queryset.dates(field, "year")}, reverse=True)
    return [(str(year), str(year)) for year in years]


def with_download_counts(queryset):
    totals = (
        MaterialFile.objects.filter(page=OuterRef("pk"))
        .values("page")
        .annotate(total=Sum("document__download_stats__count"))
        .values("total")
    )
    return queryset.annotate(
        downloads=Coalesce(Subquery(totals, output_field=IntegerField()), Value(0))
    )


class ChoicesFromListingMixin:
    """Filters whose choices come from the listing (`choices_for`), or from
    what it gave before: `choices=` (kept in the cache, as computing them
    reads every page of the listing)."""

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if choices is None:
            choices = self.choices_for(self.queryset)
        for name, values in choices.items():
            self.filters[name].extra["choices"] = values


class MaterialFilter(ChoicesFromListingMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    type = django_filters.ChoiceFilter(
        label=_("Type"),
        field_name="material_type",
        choices=MaterialType.choices,
        empty_label=_("All types"),
    )
    topic = django_filters.ChoiceFilter(
        label=_("Topic"), method="filter_topic", empty_label=_("All topics")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), method="filter_language", empty_label=_("All languages")
    )
    institution = django_filters.ChoiceFilter(
        label=_("Institution"), field_name="publisher__slug", empty_label=_("All institutions")
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="publication_date",
        lookup_expr="year",
        empty_label=_("All years"),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), method="filter_sort", choices=MaterialSort.choices, empty_label=None
    )

    class Meta:
        model = MaterialPage
        fields = []

    @staticmethod
    def choices_for(base):
        """The topics, languages, publishers and years of the materials in
        `base`, as the filters' choices in the active language."""
        # The publishers, years and files' languages come in one query: each
        # combination of them once (a few per publisher), not every material.
        rows = (
            base.order_by()
            .values_list(
                "publisher__slug",
                "publisher__name",
                "publisher__name_pl",
                "publication_date__year",
                "files__language_id",
            )
            .distinct()
        )
        institutions, years, codes = {}, set(), set()
        for slug, name, name_pl, year, code in rows:
            if slug is not None:
                institutions[slug] = Institution(slug=slug, name=name, name_pl=name_pl)
            if year is not None:
                years.add(year)
            if code is not None:
                codes.add(code)
        return {
            "topic": _topic_choices(MaterialPage.topics.through, "materialpage", base),
            "language": sorted(
                ((code, str(Language(code=code).name)) for code in codes),
                key=lambda c: c[1],
            ),
            "institution": sorted(
                ((i.slug, i.localized_name) for i in institutions.values()), key=lambda c: c[1]
            ),
            "year": [(str(year), str(year)) for year in sorted(years, reverse=True)],
        }

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("sort"):
            queryset = self.filter_sort(queryset, "sort", MaterialSort.NEWEST)
        return queryset

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(introduction__icontains=value)
            | Q(publisher__name__icontains=value)
            | Q(publisher__name_pl__icontains=value)
            | Q(publisher__short_name__icontains=value)
        )

    def filter_topic(self, queryset, name, value):
        through = MaterialPage.topics.through
        return queryset.filter(
            pk__in=through.objects.filter(topic__slug=value).values("materialpage_id")
        )

    def filter_language(self, queryset, name, value):
        return queryset.filter(
            pk__in=MaterialFile.objects.filter(language_id=value).values("page_id")
        )

    def filter_sort(self, queryset, name, value):
        if value == MaterialSort.OLDEST:
            return queryset.order_by("publication_date", "pk")
        if value == MaterialSort.TITLE:
            return queryset.order_by("title", "pk")
        if value == MaterialSort.DOWNLOADS:
            return with_download_counts(queryset).order_by("-downloads", "-publication_date", "pk")
        return queryset.order_by("-publication_date", "-pk")


class StudyVisitFilter(ChoicesFromListingMixin, django_filters.FilterSet):
    country = django_filters.ChoiceFilter(
        label=_("Host country"), field_name="host_country", empty_label=_("All countries")
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="start_date", lookup_expr="year", empty_label=_("All years")
    )
    topic = django_filters.ChoiceFilter(
        label=_("Topic"), method="filter_topic", empty_label=_("All topics")
    )

    class Meta:
        model = StudyVisitPage
        fields = []

    @staticmethod
    def choices_for(base):
        codes = set(base.order_by().values_list("host_country", flat=True).distinct())
        return {
            "country": sorted(
                ((code, countries.name(code) or code) for code in codes), key=lambda c: c[1]
            ),
            "year": _year_choices(base, "start_date"),
            "topic": _topic_choices(StudyVisitPage.topics.through, "studyvisitpage", base),
        }

    def filter_topic(self, queryset, name, value):
        through = StudyVisitPage.topics.through
        return queryset.filter(
            pk__in=through.objects.filter(topic__slug=value).values("studyvisitpage_id")
        )
