"""Small idempotent building blocks that every app's demo data uses."""

from wagtail.models import Locale, Page


def get_locale(code):
    locale, _ = Locale.objects.get_or_create(language_code=code)
    return locale


def child_by_slug(parent, slug):
    return parent.get_children().filter(slug=slug).specific().first()


def ensure_child_page(parent, page_class, slug, **fields):
    """Create (or update) and publish a child page identified by its slug."""
    page = child_by_slug(parent, slug)
    if page is None:
        page = page_class(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def ensure_translation(page, language_code, **fields):
    """The page's translation into a language, created and published once."""
    locale = get_locale(language_code)
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return Page.objects.get(pk=translation.pk).specific


def add_to_navigation(page, position=None):
    """Adds a page link to the main navigation once."""
    from wagtail.models import Site

    from portal.models import SiteSettings

    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    raw = list(site_settings.main_navigation.raw_data)
    if any((item.get("value") or {}).get("page") == page.pk for item in raw):
        return
    item = {"type": "link", "value": {"page": page.pk, "url": "", "title": ""}}
    if position is None:
        raw.append(item)
    else:
        raw.insert(position, item)
    site_settings.main_navigation = raw
    site_settings.save()


def full_name(first, last):
    """A demo person's name with the surname agreeing with the first name, as
    Polish requires (Anna Lewandowska, Piotr Lewandowski): demo names are drawn
    at random from one list of each."""
    female = first.endswith("a")
    for masculine, feminine in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
        if female and last.endswith(masculine):
            return f"{first} {last[: -len(masculine)]}{feminine}"
        if not female and last.endswith(feminine):
            return f"{first} {last[: -len(feminine)]}{masculine}"
    return f"{first} {last}"
