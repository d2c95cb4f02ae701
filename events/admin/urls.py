"""The organisers' admin URLs, under /admin/events/, namespace "events_admin"."""

from django.urls import path

from events.admin.views import imports, messages, registrations, report

urlpatterns = [
    path("report/", report.AttendanceReportView.as_view(), name="report"),
    path(
        "<int:event_id>/registrations/",
        registrations.RegistrationListView.as_view(),
        name="registrations",
    ),
    path(
        "<int:event_id>/registrations/results/",
        registrations.RegistrationListView.as_view(results_only=True),
        name="registrations_results",
    ),
    path(
        "<int:event_id>/registrations/add/",
        registrations.AddRegistrationView.as_view(),
        name="add",
    ),
    path("<int:event_id>/registrations/import/", imports.ImportView.as_view(), name="import"),
    path("<int:event_id>/message/", messages.MessageView.as_view(), name="message"),
    path("<int:event_id>/codes/", registrations.InvitationCodesView.as_view(), name="codes"),
    path(
        "registration/<int:pk>/",
        registrations.RegistrationDetailView.as_view(),
        name="registration",
    ),
]
