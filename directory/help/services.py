"""Which directory entries are public help channels, and how each reads in a
given language. Only public data: the page is for anyone, signed in or not."""

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from directory.choices import Visibility
from directory.models import Institution
from portal.language_variants import in_language

# The languages of the help page; Ukrainian and Russian only here (and in
# surveys), the rest of the site is English and Polish.
HELP_LANGUAGES = {"en": "English", "pl": "Polski", "uk": "Українська", "ru": "Русский"}
EXTRA_LANGUAGES = ("uk", "ru")


def help_channels():
    """Institutions with a public 24/7 hotline, or a public phone with
    help-desk hours; their languages in one more query."""
    hotline = ~Q(hotline="") & Q(hotline_visibility=Visibility.PUBLIC)
    desk = ~Q(help_days="") & ~Q(phone="") & Q(phone_visibility=Visibility.PUBLIC)
    return Institution.objects.filter(hotline | desk).prefetch_related("languages").order_by("name")


def text_in(record, field, language):
    """`field` in `language` where the record has it, else in English; with the
    language it is actually in, for the `lang` attribute."""
    text = in_language(record, field, language)
    if language != "en" and text and text == getattr(record, f"{field}_{language}", ""):
        return {"text": text, "lang": language}
    return {"text": text, "lang": "en"}


def opening_hours(institution):
    """The help desk's hours in the active language, 24-hour clock."""
    if not institution.help_days:
        return ""
    days = institution.get_help_days_display()
    if institution.help_opens and institution.help_closes:
        return _("%(days)s, %(opens)s–%(closes)s") % {
            "days": days,
            "opens": institution.help_opens.strftime("%H:%M"),
            "closes": institution.help_closes.strftime("%H:%M"),
        }
    return days


def channel_rows(language):
    """Hotlines first (open day and night), then help desks; every text in
    `language`, falling back to English where an entry has no translation."""
    hotlines, desks = [], []
    with translation.override(language):
        for institution in help_channels():
            base = {
                "institution": institution,
                "name": text_in(institution, "name", language),
                "description": text_in(institution, "description", language),
                "languages": sorted(
                    (
                        {"code": spoken.code, "name": str(spoken.name)}
                        for spoken in institution.languages.all()
                    ),
                    key=lambda spoken: spoken["name"],
                ),
                "city": institution.city,
            }
            if institution.hotline and institution.hotline_visibility == Visibility.PUBLIC:
                hotlines.append(
                    {**base, "phone": institution.hotline, "hours": _("Open 24 hours, every day")}
                )
            public_phone = institution.phone and institution.phone_visibility == Visibility.PUBLIC
            if institution.help_days and public_phone:
                desks.append(
                    {**base, "phone": institution.phone, "hours": opening_hours(institution)}
                )
    return hotlines, desks
