from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from directory import cache as directory_cache
from directory.help import services


def language_versions(current):
    """The page in each of its four languages. English and Polish are the
    site's own (`/help/`, `/pl/help/`); Ukrainian and Russian keep the site's
    header and footer in the visitor's site language."""
    versions = []
    for code, name in services.HELP_LANGUAGES.items():
        if code in services.EXTRA_LANGUAGES:
            url = reverse("directory:help_in", kwargs={"language": code})
        else:
            with translation.override(code):
                url = reverse("directory:help")
        with translation.override(code):
            # The page's own title in that language, for links that invite to it.
            title = translation.gettext("Get help now")
        versions.append(
            {"code": code, "name": name, "url": url, "title": title, "active": code == current}
        )
    return versions


def help_page(request, language=None):
    """Hotlines and help desks, public data only, no JavaScript needed."""
    site_language = translation.get_language()
    page_language = language or site_language
    context = {
        # base.html: <html lang> is the page's language; the header and
        # footer, in the site's language, say so when it differs.
        "page_language": page_language,
        "chrome_lang": site_language if page_language != site_language else "",
        "channels_html": directory_cache.remember(
            "help-channels", [page_language], lambda: channels_html(page_language)
        ),
        "versions": language_versions(page_language),
    }
    return render(request, "directory/help/page.html", context)


def channels_html(page_language):
    """The hotlines and help desks in the page's language, as HTML (public
    data only, the same for every visitor)."""
    hotlines, desks = services.channel_rows(page_language)
    with translation.override(page_language):
        html = render_to_string(
            "directory/help/channels.html",
            {"hotlines": hotlines, "desks": desks, "page_language": page_language},
        )
    return mark_safe(html)  # noqa: S308 - rendered by our template
