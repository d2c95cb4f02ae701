from django.urls import path

from events import admin_views

urlpatterns = [
    path("report/", admin_views.AttendanceReportView.as_view(), name="report"),
    path(
        "<int:event_id>/registrations/",
        admin_views.RegistrationListView.as_view(),
        name="registrations",
    ),
    path(
        "<int:event_id>/registrations/results/",
        admin_views.RegistrationListView.as_view(results_only=True),
        name="registrations_results",
    ),
    path(
        "<int:event_id>/registrations/add/", admin_views.AddRegistrationView.as_view(), name="add"
    ),
    path("<int:event_id>/registrations/import/", admin_views.ImportView.as_view(), name="import"),
    path("<int:event_id>/message/", admin_views.MessageView.as_view(), name="message"),
    path("<int:event_id>/codes/", admin_views.InvitationCodesView.as_view(), name="codes"),
    path(
        "registration/<int:pk>/", admin_views.RegistrationDetailView.as_view(), name="registration"
    ),
]
