"""Every kind of page an anonymous visitor can read, in English and Polish,
is kept by the page cache: the second visit is answered from it (pages with
a form, such as scenario and survey intros, with the visitor's own CSRF
token)."""

import re

from django.test import Client
from wagtail.models import Locale, Page

from directory.models import Institution
from portal.models import Topic

PAGE_TYPES = [
    "homepage",
    "standardpage",
    "eventindexpage",
    "eventpage",
    "directoryindexpage",
    "materialindexpage",
    "materialpage",
    "studyvisitindexpage",
    "studyvisitpage",
    "scenarioindexpage",
    "scenariopage",
    "surveyindexpage",
    "surveypage",
]


def without_tokens(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def page_urls():
    urls = []
    for language in ("en", "pl"):
        locale = Locale.objects.get(language_code=language)
        for model in PAGE_TYPES:
            page = (
                Page.objects.live()
                .public()
                .filter(locale=locale, content_type__model=model)
                .order_by("path")
                .first()
            )
            if page is not None:
                urls.append((model, page.url))
    return urls


def test_every_public_page_type_is_cached_in_both_languages(demo):
    urls = page_urls()
    institution = Institution.objects.order_by("pk").first()
    topic = Topic.objects.filter(locale__language_code="en").order_by("pk").first()
    urls += [
        ("institution", f"/directory/{institution.slug}/"),
        ("institution", f"/pl/directory/{institution.slug}/"),
        ("topics", "/topics/"),
        ("topic", f"/topics/{topic.slug}/"),
        ("search", "/search/?q=border"),
        ("directory search", "/directory/?q=warszawa"),
    ]
    assert {model for model, _ in urls} >= set(PAGE_TYPES) - {"standardpage"}
    client = Client()
    not_kept = []
    for model, url in urls:
        first = client.get(url)
        if first.status_code != 200:
            continue
        second = client.get(url)
        if second.get("X-Page-Cache") != "hit":
            not_kept.append((model, url, first.status_code, first.get("Cache-Control")))
        else:
            # The same page, but for each visitor's own CSRF token (forms).
            assert without_tokens(second) == without_tokens(first), url
    assert not not_kept, not_kept
