from django.urls import path

from resources.surveys import admin_views

urlpatterns = [
    path("", admin_views.SurveyListView.as_view(), name="index"),
    path("<id:survey_id>/", admin_views.SurveyResultsView.as_view(), name="results"),
    path(
        "<id:survey_id>/answers/<slug:question>/",
        admin_views.TextAnswersView.as_view(),
        name="text_answers",
    ),
    path("<id:survey_id>/answers/", admin_views.AnswersView.as_view(), name="answers"),
    path("<id:survey_id>/close/", admin_views.CloseView.as_view(), name="close"),
    path(
        "<id:survey_id>/invitations/",
        admin_views.InvitationsView.as_view(),
        name="invitations",
    ),
    path(
        "<id:survey_id>/invitations.csv",
        admin_views.InvitationsExportView.as_view(),
        name="invitations_csv",
    ),
    path(
        "<id:survey_id>/export.csv",
        admin_views.ExportView.as_view(),
        {"fmt": "csv"},
        name="export_csv",
    ),
    path(
        "<id:survey_id>/export.xlsx",
        admin_views.ExportView.as_view(),
        {"fmt": "xlsx"},
        name="export_xlsx",
    ),
    path(
        "<id:survey_id>/export.sav",
        admin_views.LabelledExportView.as_view(),
        {"fmt": "sav"},
        name="export_sav",
    ),
    path(
        "<id:survey_id>/export.dta",
        admin_views.LabelledExportView.as_view(),
        {"fmt": "dta"},
        name="export_dta",
    ),
]
