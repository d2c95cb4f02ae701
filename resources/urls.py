from django.urls import path

from resources.feeds import LatestResourcesFeed

app_name = "resources"

urlpatterns = [
    path("resources/feed.atom", LatestResourcesFeed(), name="feed"),
]
