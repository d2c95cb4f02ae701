import django_filters
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.choices import Audience, EventKind, RegistrationStatus
from events.models import EventPage, Registration


def venue_regions(index):
    """The regions of the live events under `index`, for the region filter."""
    return (
        EventPage.objects.live()
        .child_of(index)
        .exclude(venue_region="")
        .order_by("venue_region")
        .values_list("venue_region", flat=True)
        .distinct()
    )


def with_confirmed_counts(queryset):
    """Annotate `_confirmed_count` in one query, for any language version
    (registrations belong to the event in the default language)."""
    confirmed = (
        Registration.objects.filter(
            event__translation_key=OuterRef("translation_key"),
            status=RegistrationStatus.CONFIRMED,
        )
        .order_by()
        .values("event__translation_key")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(
        _confirmed_count=Coalesce(Subquery(confirmed, output_field=IntegerField()), Value(0))
    )


class EventFilterSet(django_filters.FilterSet):
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
        method="filter_when",
        empty_label=_("Upcoming"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=EventKind.choices, empty_label=_("All kinds")
    )
    topic = django_filters.ChoiceFilter(
        label=_("Topic"), method="filter_topic", empty_label=_("All topics")
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"), field_name="venue_region", empty_label=_("All regions")
    )
    month = django_filters.CharFilter(
        label=_("Month"),
        method="filter_month",
        widget=django_filters.widgets.forms.TextInput(
            attrs={"type": "month", "placeholder": "2026-05"}
        ),
    )
    audience = django_filters.ChoiceFilter(
        label=_("Audience"), choices=Audience.choices, empty_label=_("Anyone")
    )
    seats = django_filters.BooleanFilter(
        label=_("Only events with seats left"),
        method="filter_seats",
        widget=django_filters.widgets.forms.CheckboxInput,
    )

    class Meta:
        model = EventPage
        fields = []

    def __init__(self, *args, topics=(), regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["topic"].extra["choices"] = [(t.slug, t.name) for t in topics]
        self.filters["region"].extra["choices"] = [(r, r) for r in regions]

    @property
    def is_past(self):
        return self.form.is_valid() and self.form.cleaned_data.get("when") == "past"

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # Upcoming is the default view, also when `when` is absent.
        if not self.is_past and not self.form.cleaned_data.get("when"):
            queryset = self.filter_when(queryset, "when", "upcoming")
        return queryset

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == "past":
            return queryset.filter(end__lt=now).order_by("-start", "pk")
        return queryset.filter(end__gte=now).order_by("start", "pk")

    def filter_topic(self, queryset, name, value):
        return queryset.filter(topics__slug=value).distinct()

    def filter_month(self, queryset, name, value):
        try:
            year, month = (int(part) for part in value.split("-", 1))
            if not 1 <= month <= 12 or not 1900 < year < 3000:
                raise ValueError
        except ValueError:
            return queryset.none()
        return queryset.filter(start__year=year, start__month=month)

    def filter_seats(self, queryset, name, value):
        if not value:
            return queryset
        if "_confirmed_count" not in queryset.query.annotations:
            # Also when another filter of the form is invalid (the view
            # annotates only a valid form's queryset).
            queryset = with_confirmed_counts(queryset)
        return queryset.filter(Q(capacity__isnull=True) | Q(capacity__gt=F("_confirmed_count")))
