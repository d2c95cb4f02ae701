import django_filters
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from directory import admin_views
from directory.choices import InstitutionKind, MembershipStatus, Visibility
from directory.exchange.admin_views import ImportViewSet
from directory.models import (
    ContactPerson,
    Institution,
    InstitutionEmailDomain,
    Membership,
    OutdatedReport,
)
from portal.exports import SafeIndexView
from portal.two_factor import TwoFactorRequiredMixin


class StaleFilterMixin(django_filters.FilterSet):
    stale = django_filters.BooleanFilter(label=_("Not verified for a year"), method="filter_stale")

    def filter_stale(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.stale() if value else queryset.fresh()


class InstitutionFilterSet(StaleFilterMixin, WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=InstitutionKind.choices)

    class Meta:
        model = Institution
        fields = ["kind", "country", "region"]


class ContactPersonFilterSet(StaleFilterMixin, WagtailFilterSet):
    visibility = django_filters.ChoiceFilter(label=_("Visibility"), choices=Visibility.choices)

    class Meta:
        model = ContactPerson
        fields = ["visibility", "is_focal_point", "is_active"]


class MembershipFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MembershipStatus.choices)

    class Meta:
        model = Membership
        fields = ["status", "method"]


class RecordVerifierMixin:
    """Whoever sets a new "last verified" date is recorded as the verifier."""

    def save_instance(self):
        instance = super().save_instance()
        form = self.form
        if "last_verified_at" in form.changed_data and "last_verified_by" not in form.changed_data:
            instance.last_verified_by = self.request.user
            instance.save(update_fields=["last_verified_by"])
        return instance


class InstitutionCreateView(RecordVerifierMixin, generic.CreateView):
    pass


class InstitutionEditView(RecordVerifierMixin, generic.EditView):
    pass


STALE_COLUMN = BooleanColumn("is_stale", label=_("Needs verification"))


class InstitutionViewSet(ModelViewSet):
    model = Institution
    icon = "site"
    menu_label = _("Institutions")
    name = "directory_institution"
    add_view_class = InstitutionCreateView
    edit_view_class = InstitutionEditView
    list_display = [
        "localized_name",
        "short_name",
        "kind",
        "city",
        "region",
        "country",
        Column("last_verified_at", label=_("Last verified")),
        STALE_COLUMN,
    ]
    list_export = [
        "name",
        "name_pl",
        "short_name",
        "slug",
        "kind",
        "country",
        "region",
        "city",
        "phone",
        "email",
        "website",
        "hotline",
        "last_verified_at",
    ]
    export_filename = "institutions"
    index_view_class = SafeIndexView
    filterset_class = InstitutionFilterSet
    search_fields = ["name", "name_pl", "short_name", "city", "slug"]
    search_backend_name = None
    ordering = ["name"]
    list_per_page = 50
    copy_view_enabled = False
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("name_pl"),
                FieldRowPanel([FieldPanel("short_name"), FieldPanel("slug")]),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("parent")]),
            ],
            heading=_("Institution"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("country"), FieldPanel("region"), FieldPanel("city")]),
                FieldPanel("street"),
                FieldPanel("postal_code"),
                FieldPanel("address_visibility"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("phone"), FieldPanel("phone_visibility")]),
                FieldRowPanel([FieldPanel("email"), FieldPanel("email_visibility")]),
                FieldRowPanel([FieldPanel("hotline"), FieldPanel("hotline_visibility")]),
                FieldRowPanel(
                    [FieldPanel("help_days"), FieldPanel("help_opens"), FieldPanel("help_closes")]
                ),
                FieldPanel("website"),
            ],
            heading=_("Public contact channels"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("languages"),
                FieldPanel("competences"),
                FieldPanel("description"),
                FieldPanel("description_pl"),
                FieldPanel("description_uk"),
                FieldPanel("description_ru"),
            ],
            heading=_("Services"),
        ),
        FieldRowPanel(
            [FieldPanel("last_verified_at"), FieldPanel("last_verified_by")],
            heading=_("Verification"),
        ),
        InlinePanel(
            "contact_people",
            heading=_("Contact people"),
            label=_("Contact person"),
            panels=[
                FieldRowPanel(
                    [FieldPanel("name"), FieldPanel("position"), FieldPanel("position_pl")]
                ),
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone"), FieldPanel("mobile")]),
                FieldRowPanel(
                    [
                        FieldPanel("is_focal_point"),
                        FieldPanel("visibility"),
                        FieldPanel("is_active"),
                        FieldPanel("last_verified_at"),
                    ]
                ),
            ],
        ),
    ]

    def get_queryset(self, request):
        return Institution.objects.all()


class ContactPersonViewSet(ModelViewSet):
    model = ContactPerson
    icon = "user"
    menu_label = _("Contact people")
    name = "directory_contactperson"
    list_display = [
        "name",
        "position",
        "institution",
        "visibility",
        BooleanColumn("is_focal_point", label=_("Focal point")),
        BooleanColumn("is_active", label=_("Active")),
        Column("last_verified_at", label=_("Last verified")),
        STALE_COLUMN,
    ]
    list_export = [
        "name",
        "position",
        "institution",
        "email",
        "phone",
        "mobile",
        "visibility",
        "is_focal_point",
        "is_active",
        "last_verified_at",
    ]
    export_filename = "contact-people"
    index_view_class = SafeIndexView
    filterset_class = ContactPersonFilterSet
    search_fields = ["name", "email", "position", "institution__name"]
    search_backend_name = None
    list_per_page = 50
    copy_view_enabled = False
    form_fields = [
        "institution",
        "name",
        "position",
        "email",
        "phone",
        "mobile",
        "languages",
        "topics",
        "is_focal_point",
        "visibility",
        "is_active",
        "last_verified_at",
    ]

    def get_queryset(self, request):
        return ContactPerson.objects.select_related("institution")


# Who belongs to which institution is members' data: two factors first.
class MembershipIndexView(TwoFactorRequiredMixin, SafeIndexView):
    pass


class MembershipCreateView(TwoFactorRequiredMixin, generic.CreateView):
    pass


class MembershipEditView(TwoFactorRequiredMixin, generic.EditView):
    pass


class MembershipDeleteView(TwoFactorRequiredMixin, generic.DeleteView):
    pass


class MembershipHistoryView(TwoFactorRequiredMixin, history.HistoryView):
    pass


class MembershipUsageView(TwoFactorRequiredMixin, usage.UsageView):
    pass


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "group"
    menu_label = _("Memberships")
    name = "directory_membership"
    list_display = [
        "user",
        "institution",
        "status",
        "method",
        Column("requested_at", label=_("Requested")),
        Column("decided_at", label=_("Decided")),
        Column("decide", label=_("Decision"), accessor=admin_views.decide_link),
    ]
    list_export = [
        "user",
        "institution",
        "status",
        "method",
        "position",
        "requested_at",
        "decided_at",
        "decided_by",
    ]
    export_filename = "memberships"
    index_view_class = MembershipIndexView
    add_view_class = MembershipCreateView
    edit_view_class = MembershipEditView
    delete_view_class = MembershipDeleteView
    history_view_class = MembershipHistoryView
    usage_view_class = MembershipUsageView
    filterset_class = MembershipFilterSet
    search_fields = ["user__email", "user__last_name", "institution__name"]
    search_backend_name = None
    copy_view_enabled = False
    form_fields = ["user", "institution", "position", "message"]

    def get_queryset(self, request):
        return Membership.objects.select_related("user", "institution")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("decide/<id:pk>/", admin_views.decide_membership, name="decide"),
        ]


class EmailDomainViewSet(ModelViewSet):
    model = InstitutionEmailDomain
    icon = "mail"
    menu_label = _("Email domains")
    name = "directory_emaildomain"
    list_display = ["domain", "institution"]
    search_fields = ["domain", "institution__name"]
    search_backend_name = None
    form_fields = ["domain", "institution"]
    copy_view_enabled = False


class OutdatedReportViewSet(ModelViewSet):
    model = OutdatedReport
    icon = "warning"
    menu_label = _("Outdated reports")
    name = "directory_outdatedreport"
    list_display = [
        "institution",
        "reported_by",
        "message",
        Column("created_at", label=_("Reported")),
        BooleanColumn("resolved", label=_("Resolved")),
    ]
    list_filter = ["resolved"]
    form_fields = ["resolved"]
    copy_view_enabled = False


class DirectoryViewSetGroup(ModelViewSetGroup):
    menu_label = _("Directory")
    menu_icon = "site"
    menu_order = 200
    items = (
        InstitutionViewSet,
        ContactPersonViewSet,
        MembershipViewSet,
        EmailDomainViewSet,
        OutdatedReportViewSet,
        ImportViewSet,
    )
