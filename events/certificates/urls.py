from django.urls import path

from events.certificates import views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("<str:code>/", views.detail, name="detail"),
]
