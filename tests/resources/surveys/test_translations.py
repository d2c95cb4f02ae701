"""Every interface string a respondent sees has a Ukrainian translation (the
small locale/uk catalogue) besides the Polish one."""

import re
from pathlib import Path

from django.utils import translation

SURVEYS_DIR = Path(__file__).resolve().parents[3] / "resources" / "surveys"
RESPONDENT_TEMPLATES = [
    "templates/resources/surveys/page.html",
    "templates/resources/surveys/includes/fields.html",
]


def respondent_strings():
    strings = set()
    for name in RESPONDENT_TEMPLATES:
        text = (SURVEYS_DIR / name).read_text()
        # Only what is inside the respondent's language block.
        if "{% language language %}" in text:
            text = text.split("{% language language %}", 1)[1].split("{% endlanguage %}", 1)[0]
        strings.update(re.findall(r'{% translate "([^"]+)"', text))
        strings.update(re.findall(r"{% translate '([^']+)'", text))
        for block in re.findall(r"{% blocktranslate[^%]*%}(.*?){% endblocktranslate %}", text):
            strings.add(re.sub(r"{{ (\w+) }}", r"%(\1)s", block))
    forms = (SURVEYS_DIR / "forms.py").read_text()
    strings.update(re.findall(r'gettext(?:_lazy)?\("([^"]+)"\)', forms))
    strings.update(re.findall(r'_\(\s*"([^"]+)"', forms))
    return strings


def test_respondent_strings_are_translated_into_ukrainian_and_polish():
    strings = respondent_strings()
    assert "Send my answers" in strings and "Yes" in strings
    assert "This survey is not open yet. It opens on %(date)s." in strings
    for language in ("uk", "pl"):
        with translation.override(language):
            missing = [s for s in sorted(strings) if translation.gettext(s) == s]
        assert missing == [], (language, missing)
