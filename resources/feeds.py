"""Atom feed of new public materials and study visits.

Feeds are read by aggregators and shared without a session, so the feed is
the same for everyone: public materials only, no page under a view
restriction, whoever asks."""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Site

from resources.models import MaterialIndexPage, MaterialPage, StudyVisitPage
from resources.queries import visible_materials, visible_study_visits

FEED_SIZE = 30
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


class LatestResourcesFeed(Feed):
    feed_type = Atom1Feed
    title = _("New materials and study visits")
    subtitle = _("Public materials and study-visit write-ups shared on the Cooperation Portal.")

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def link(self):
        index = MaterialIndexPage.objects.live().filter(locale=Locale.get_active()).first()
        return index.get_url(self.request) if index else "/"

    def items(self):
        locale = Locale.get_active()
        materials = visible_materials(
            None, MaterialPage.objects.filter(locale=locale), viewer_is_member=False
        ).order_by(F("first_published_at").desc(nulls_last=True), "-pk")[:FEED_SIZE]
        visits = visible_study_visits(None, StudyVisitPage.objects.filter(locale=locale)).order_by(
            F("first_published_at").desc(nulls_last=True), "-pk"
        )[:FEED_SIZE]
        items = list(materials) + list(visits)
        items.sort(key=lambda page: page.first_published_at or EPOCH, reverse=True)
        return items[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.introduction or item.search_description

    def item_link(self, item):
        return item.get_full_url(self.request) or item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        if isinstance(item, MaterialPage):
            return [str(item.get_material_type_display())]
        return [str(_("Study visit"))]

    def author_name(self):
        site = Site.objects.filter(is_default_site=True).first()
        return site.site_name if site and site.site_name else "Cooperation Portal"
