from wagtail.snippets.models import register_snippet

from portal.viewsets import TopicViewSet

register_snippet(TopicViewSet)
