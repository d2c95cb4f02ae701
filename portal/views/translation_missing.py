"""Where the language switcher leads when a page has no version in that language."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.models import Locale, Page, Site


def translation_missing(request, page_id):
    """Say, in the chosen language, that the page is not translated, and offer
    the page as it is and this language's home page."""
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404
    locale = Locale.get_active()
    translated = page.get_translation_or_none(locale)
    if translated is not None and translated.live:
        return redirect(translated.get_url(request))
    site = Site.find_for_request(request)
    home = site.root_page.get_translation_or_none(locale) if site else None
    return TemplateResponse(
        request,
        "portal/translation_missing.html",
        {
            "original": page.specific,
            "original_language": page.locale.language_code,
            "home_url": home.get_url(request) if home and home.live else "/",
        },
    )
