from django.http import Http404
from django.shortcuts import render
from wagtail.models import Locale

from portal import sections
from portal.models import Topic


def topic_detail(request, slug):
    """A topic gathers institutions, materials, events and study visits."""
    topics = Topic.objects.filter(slug=slug)
    topic = topics.filter(locale=Locale.get_active()).first() or topics.first()
    if topic is None:
        raise Http404
    context = {
        "topic": topic,
        "topic_sections": sections.collect("portal_topic_sections", request, topic),
    }
    return render(request, "portal/topic_detail.html", context)


def topic_index(request):
    topics = Topic.objects.filter(locale=Locale.get_active()).order_by("name")
    return render(request, "portal/topic_index.html", {"topics": topics})
