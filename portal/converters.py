"""Database ids from outside: `<id:...>` in URLs, `parse_id` and
`ModelIdChoiceField` for forms. An id is digits that fit a 64-bit integer,
so a 20-digit one is a plain 404 or form error rather than a database
overflow (SQLite refuses integers past 2**63 with a server error, and
Django's guard against it does not cover a page's id)."""

from django import forms
from django.urls import register_converter

ID_MAX_DIGITS = 18  # 10**18 - 1 < 2**63 - 1


class IdConverter:
    regex = f"[0-9]{{1,{ID_MAX_DIGITS}}}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(int(value))


def register():
    register_converter(IdConverter, "id")


def parse_id(value):
    """An id from a form or query string, or None when it is not one."""
    text = str(value or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > ID_MAX_DIGITS:
        return None
    return int(text)


class ModelIdChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that refuses what is not an id before the database sees it."""

    def to_python(self, value):
        if value not in self.empty_values and parse_id(value) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)
