"""URL converters. `<id:...>` is the one for database ids: digits that fit a
64-bit integer, so a 20-digit id is a plain 404 rather than a database
overflow (SQLite refuses integers past 2**63 with a server error)."""

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
