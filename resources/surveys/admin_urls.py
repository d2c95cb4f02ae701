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
]
