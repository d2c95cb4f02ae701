from django.urls import path

from resources import survey_admin

urlpatterns = [
    path("", survey_admin.SurveyListView.as_view(), name="index"),
    path("<int:survey_id>/", survey_admin.SurveyResultsView.as_view(), name="results"),
    path(
        "<int:survey_id>/answers/<slug:question>/",
        survey_admin.TextAnswersView.as_view(),
        name="text_answers",
    ),
    path(
        "<int:survey_id>/export.csv",
        survey_admin.ExportView.as_view(),
        {"fmt": "csv"},
        name="export_csv",
    ),
    path(
        "<int:survey_id>/export.xlsx",
        survey_admin.ExportView.as_view(),
        {"fmt": "xlsx"},
        name="export_xlsx",
    ),
]
