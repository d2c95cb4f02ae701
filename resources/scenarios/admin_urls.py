from django.urls import path

from resources.scenarios import admin_views

urlpatterns = [
    path("<id:page_id>/map/", admin_views.ScenarioMapView.as_view(), name="map"),
    path("analytics/", admin_views.AnalyticsIndexView.as_view(), name="analytics"),
    path(
        "analytics/<id:page_id>/",
        admin_views.AnalyticsDetailView.as_view(),
        name="analytics_detail",
    ),
]
