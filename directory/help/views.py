from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

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
    hotlines, desks = services.channel_rows(page_language)
    context = {
        # base.html: <html lang> is the page's language; the header and
        # footer, in the site's language, say so when it differs.
        "page_language": page_language,
        "chrome_lang": site_language if page_language != site_language else "",
        "hotlines": hotlines,
        "desks": desks,
        "versions": language_versions(page_language),
    }
    return render(request, "directory/help/page.html", context)
