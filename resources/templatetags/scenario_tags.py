from django import template

from resources.scenarios.blocks import ChoiceRating

register = template.Library()


@register.filter
def rating_verdict(rating):
    return ChoiceRating.verdict(rating)
