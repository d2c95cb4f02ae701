"""The yardstick: a Django view returning "hello", with the portal's own
settings and middleware, served by gunicorn exactly like the portal.

    gunicorn benchmarks.hello:application -w 2
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")


def hello(request):
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("", hello)]

application = get_wsgi_application()
# Same settings as the portal, only this module's single URL.
settings.ROOT_URLCONF = __name__
