from django.urls import path

from resources.surveys.admin_views import lifecycle, results_views

urlpatterns = [
    path("", results_views.SurveyListView.as_view(), name="index"),
    path("<id:survey_id>/", results_views.SurveyResultsView.as_view(), name="results"),
    path(
        "<id:survey_id>/answers/<slug:question>/",
        results_views.TextAnswersView.as_view(),
        name="text_answers",
    ),
    path("<id:survey_id>/answers/", lifecycle.AnswersView.as_view(), name="answers"),
    path("<id:survey_id>/close/", lifecycle.CloseView.as_view(), name="close"),
    path(
        "<id:survey_id>/invitations/",
        lifecycle.InvitationsView.as_view(),
        name="invitations",
    ),
    path(
        "<id:survey_id>/invitations.csv",
        lifecycle.InvitationsExportView.as_view(),
        name="invitations_csv",
    ),
    path(
        "<id:survey_id>/export.csv",
        results_views.ExportView.as_view(),
        {"fmt": "csv"},
        name="export_csv",
    ),
    path(
        "<id:survey_id>/export.xlsx",
        results_views.ExportView.as_view(),
        {"fmt": "xlsx"},
        name="export_xlsx",
    ),
    path(
        "<id:survey_id>/export.sav",
        results_views.LabelledExportView.as_view(),
        {"fmt": "sav"},
        name="export_sav",
    ),
    path(
        "<id:survey_id>/export.dta",
        results_views.LabelledExportView.as_view(),
        {"fmt": "dta"},
        name="export_dta",
    ),
    path(
        "<id:survey_id>/export-r.zip",
        results_views.LabelledExportView.as_view(),
        {"fmt": "r"},
        name="export_r",
    ),
]
