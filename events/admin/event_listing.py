"""Admin → Events: every event an organiser runs, with dates, place, seats and
waiting list, and from each row the registrations, check-in, messages, report
and export in one click (instead of three clicks behind "…" in the page tree).

A Wagtail `PageListingViewSet` of the events in the default language (the
pages registrations belong to), with the other language versions shown.
"""

import django_filters
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import PageStatusColumn, PageTitleColumn
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Locale, Page

from directory.models import Institution
from events.choices import EventKind, EventStatus, RegistrationStatus
from events.models import EventPage, EventSeries, Registration
from events.permissions import is_organiser
from portal.exports import SafeSpreadsheetExportMixin
from portal.two_factor import TwoFactorRequiredMixin


def _regions(request=None):
    regions = (
        EventPage.objects.exclude(venue_region="")
        .order_by("venue_region")
        .values_list("venue_region", flat=True)
        .distinct()
    )
    return [(region, region) for region in regions]


class EventListingFilterSet(WagtailFilterSet):
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[("upcoming", _("Upcoming and ongoing")), ("past", _("Past"))],
        method="filter_when",
        empty_label=_("Any time"),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EventKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EventStatus.choices)
    venue_region = django_filters.ChoiceFilter(label=_("Region"), choices=_regions)
    series = django_filters.ModelChoiceFilter(
        label=_("Series"), queryset=lambda request: EventSeries.objects.all()
    )
    organisers = django_filters.ModelChoiceFilter(
        label=_("Organiser"),
        queryset=lambda request: (
            Institution.objects.filter(organised_events__isnull=False).distinct().order_by("name")
        ),
    )

    class Meta:
        model = EventPage
        fields = []

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(end__gte=now)
        if value == "past":
            return queryset.filter(end__lt=now)
        return queryset


def _count(**conditions):
    """How many of the event's registrations meet `conditions`, as a subquery."""
    return Coalesce(
        Subquery(
            Registration.objects.filter(event_id=OuterRef("pk"), **conditions)
            .order_by()
            .values("event_id")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


class SeatsColumn(Column):
    cell_template_name = "events/admin/listing/seats_cell.html"


class ActionsColumn(Column):
    cell_template_name = "events/admin/listing/actions_cell.html"


class LanguagesColumn(Column):
    cell_template_name = "events/admin/listing/languages_cell.html"


class EventListingView(TwoFactorRequiredMixin, SafeSpreadsheetExportMixin, IndexView):
    page_title = _("Events")
    header_icon = "date"
    export_subject = "events"
    export_headings = {
        "title": _("Event"),
        "start": _("Start"),
        "end": _("End"),
        "get_kind_display": _("Kind"),
        "place_label": _("Place"),
        "venue_region": _("Region"),
        "capacity": _("Capacity"),
        "confirmed_total": _("Confirmed"),
        "waiting_total": _("Waiting list"),
        "attended_total": _("Checked in"),
        "get_status_display": _("Status"),
    }

    @cached_property
    def list_export(self):
        return list(self.export_headings)

    def get_heading(self, queryset, field):
        return str(self.export_headings.get(field, field))

    def dispatch(self, request, *args, **kwargs):
        if not is_organiser(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        queryset = super().get_base_queryset().filter(locale=Locale.get_default())
        return queryset.annotate(
            confirmed_total=_count(status=RegistrationStatus.CONFIRMED),
            waiting_total=_count(status=RegistrationStatus.WAITING),
            attended_total=_count(attended_at__isnull=False),
        )

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        object_list = list(object_list)
        keys = {event.translation_key for event in object_list}
        versions = {}
        for key, code, live in (
            Page.objects.filter(translation_key__in=keys)
            .exclude(locale=Locale.get_default())
            .filter(Q(alias_of__isnull=True))
            .values_list("translation_key", "locale__language_code", "live")
            .order_by("locale__language_code")
        ):
            versions.setdefault(key, []).append({"code": code, "live": live})
        default_code = Locale.get_default().language_code
        for event in object_list:
            event.own_language = default_code
            event.language_versions = versions.get(event.translation_key, [])
            # The seats cell reads seats_left, which would count again per row.
            event._confirmed_count = event.confirmed_total
            # Listed events are in the default language: each is its own
            # canonical page (saves a locale query per row in the buttons).
            event.__dict__["canonical"] = event
        return paginator, page, object_list, is_paginated


class EventListingViewSet(PageListingViewSet):
    model = EventPage
    index_view_class = EventListingView
    filterset_class = EventListingFilterSet
    icon = "date"
    menu_label = _("Events")
    menu_order = 150
    add_to_admin_menu = True
    name = "event_listing"
    url_prefix = "event-list"
    ordering = "-start"
    list_per_page = 50
    columns = [
        PageTitleColumn("title", label=_("Event"), sort_key="title", classname="title"),
        DateColumn("start", label=_("Date"), sort_key="start", width="12%"),
        Column("place_label", label=_("Place"), width="14%"),
        Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
        SeatsColumn("seats", label=_("Seats taken / left"), sort_key="confirmed_total"),
        Column("waiting_total", label=_("Waiting list"), sort_key="waiting_total", width="8%"),
        Column("event_status", label=_("Status"), accessor="get_status_display"),
        LanguagesColumn("languages", label=_("Languages")),
        PageStatusColumn("status", label=_("Published"), sort_key="live", width="10%"),
        ActionsColumn("actions", label=_("Attendees")),
    ]

    def get_index_view_kwargs(self, **kwargs):
        kwargs = super().get_index_view_kwargs(**kwargs)
        kwargs.pop("list_export", None)
        kwargs.pop("export_headings", None)
        kwargs.pop("export_filename", None)
        return kwargs

    def get_menu_item(self, order=None):
        item = super().get_menu_item(order)
        item.is_shown = lambda request: is_organiser(request.user)
        return item
