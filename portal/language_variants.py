"""One rule for records that keep their text in several languages as fields.

Editorial content (pages, and the topics, navigation and other snippets that
editors publish per language) is translated with wagtail-localize: one object
per locale, going through review like its source. A record that exists once
whatever the reader's language (an institution, the site settings, a survey
question that respondents answer in the language they choose, so that answers
add up) keeps its variants together as fields instead: the English text in the
plain field (`name`) and each other language in `<field>_<language>`
(`name_pl`, `label_uk`). Code and templates read such text only through
`in_language`, which falls back to English where a variant is empty.
"""

from django.conf import settings
from django.utils import translation


def in_language(record, field, language=None):
    """`record.<field>` in `language` (the active language by default)."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language != "en":
        variant = getattr(record, f"{field}_{language}", "")
        if variant:
            return variant
    return getattr(record, field)
