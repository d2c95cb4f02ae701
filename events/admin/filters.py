"""Filters of an event's registrations in the organisers' list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from directory.choices import InstitutionKind
from events.choices import RegistrationStatus
from events.models import Registration


class RegistrationFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RegistrationStatus.choices)
    institution_kind = django_filters.ChoiceFilter(
        label=_("Institution kind"), field_name="institution__kind", choices=()
    )
    region = django_filters.CharFilter(
        label=_("Region"), field_name="institution__region", lookup_expr="iexact"
    )
    attended = django_filters.BooleanFilter(
        label=_("Attended"), field_name="attended_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Registration
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["institution_kind"].extra["choices"] = InstitutionKind.choices
