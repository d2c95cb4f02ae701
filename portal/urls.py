import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal.views.account import my_account
from portal.views.health import health
from portal.views.media import development_media
from portal.views.page_chooser import SectionFirstBrowseView
from portal.views.personal_data import delete_account, my_data
from portal.views.search import search
from portal.views.topics import topic_detail, topic_index
from portal.views.translation_missing import translation_missing

urlpatterns = [
    path("health/", health, name="health"),
    # The admin's own login is replaced by allauth's (with two-factor).
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    # Before Wagtail's own, which it replaces (see portal/views/page_chooser.py).
    path(
        "admin/choose-page/",
        require_admin_access(never_cache(SectionFirstBrowseView.as_view())),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("account/", my_account, name="my_account"),
    path("account/my-data.json", my_data, name="my_data"),
    path("account/delete/", delete_account, name="delete_account"),
    path("search/", search, name="search"),
    path("topics/", topic_index, name="topic_index"),
    path("topics/<slug:slug>/", topic_detail, name="topic_detail"),
    path("not-translated/<id:page_id>/", translation_missing, name="translation_missing"),
    path("", include("directory.urls")),
    path("", include("events.urls")),
    path("", include("resources.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# The development server serves uploaded images itself (never documents).
development_urlpatterns = [
    re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", development_media),
]
if settings.DEBUG:
    urlpatterns = development_urlpatterns + urlpatterns
