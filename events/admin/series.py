"""Event series as snippets organisers manage, under Admin → Events."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from events.models import EventSeries


class EventSeriesViewSet(SnippetViewSet):
    model = EventSeries
    icon = "list-ul"
    menu_label = _("Event series")
    add_to_admin_menu = False
    list_display = ["name", "funder", "starts_on", "ends_on"]
    search_fields = ["name", "name_pl", "funder"]
    search_backend_name = None  # plain database search: a handful of rows
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_pl")]),
        FieldPanel("funder"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("description"),
    ]
