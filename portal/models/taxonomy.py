from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail.search import index


class Topic(TranslatableMixin, index.Indexed, models.Model):
    """The shared taxonomy: institutions' competences, and the topics of
    materials, events and study visits."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        allow_unicode=True,
        help_text=_("Used in addresses and filters; the same in every language."),
    )
    description = models.TextField(_("description"), blank=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug_per_locale"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("topic_detail", kwargs={"slug": self.slug})


def topics_in_locale(topics, locale_id):
    """Each topic as its translation in `locale_id` where there is one, in one
    query. A translated page keeps its source's topics (wagtail-localize copies
    the many-to-many as it is), so a Polish page would otherwise show English
    topic names."""
    topics = list(topics)
    foreign = {topic.translation_key for topic in topics if topic.locale_id != locale_id}
    if not foreign:
        return topics
    translated = {
        topic.translation_key: topic
        for topic in Topic.objects.filter(translation_key__in=foreign, locale_id=locale_id)
    }
    return [translated.get(topic.translation_key, topic) for topic in topics]
