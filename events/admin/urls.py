"""The organisers' admin URLs, under /admin/events/, namespace "events_admin"."""

from django.urls import path

from events.admin.views import (
    certificates,
    imports,
    messages,
    register,
    registrations,
    reminders,
    report,
)

urlpatterns = [
    path("report/", report.AttendanceReportView.as_view(), name="report"),
    path(
        "<id:event_id>/registrations/",
        registrations.RegistrationListView.as_view(),
        name="registrations",
    ),
    path(
        "<id:event_id>/registrations/results/",
        registrations.RegistrationListView.as_view(results_only=True),
        name="registrations_results",
    ),
    path(
        "<id:event_id>/registrations/add/",
        registrations.AddRegistrationView.as_view(),
        name="add",
    ),
    path("<id:event_id>/registrations/import/", imports.ImportView.as_view(), name="import"),
    path("<id:event_id>/message/", messages.MessageView.as_view(), name="message"),
    path("<id:event_id>/attendance/", register.AttendanceRegisterView.as_view(), name="register"),
    path("<id:event_id>/certificates/", certificates.PrintablesView.as_view(), name="certificates"),
    path(
        "<id:event_id>/certificates.pdf",
        certificates.PrintableDownloadView.as_view(kind="certificates"),
        name="certificates_pdf",
    ),
    path(
        "<id:event_id>/badges.pdf",
        certificates.PrintableDownloadView.as_view(kind="badges"),
        name="badges_pdf",
    ),
    path(
        "<id:event_id>/sign-in-sheet.pdf",
        certificates.PrintableDownloadView.as_view(kind="sign_in"),
        name="sign_in_pdf",
    ),
    path("<id:event_id>/reminders/", reminders.RemindersView.as_view(), name="reminders"),
    path("<id:event_id>/codes/", registrations.InvitationCodesView.as_view(), name="codes"),
    path(
        "registration/<id:pk>/",
        registrations.RegistrationDetailView.as_view(),
        name="registration",
    ),
]
