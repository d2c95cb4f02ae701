"""What a visitor types into the site search, made safe for the full-text
engine (SQLite FTS5 in development, PostgreSQL in production).

Wagtail's own parser turns the text into query objects: words, and "quoted
phrases". It splits on every double quote, so no term keeps one: the SQLite
backend wraps each term in double quotes without escaping those inside, and
a stray quote would be a syntax error there. Single quotes and backslashes
are escaped by the backends themselves. Colons are spaces here: the parser
would read `word:value` as a filter and drop the words, and neither engine
indexes a colon."""

import unicodedata

from wagtail.search.utils import parse_query_string

# Control characters and lone surrogates (from broken UTF-8): NUL is refused
# by PostgreSQL and ends an SQLite string; none of them can be searched for.
_UNSEARCHABLE = {"Cc", "Cs"}


def clean(text):
    """The text without control characters, with single spaces."""
    kept = (
        " " if char.isspace() else char
        for char in text
        if char.isspace() or unicodedata.category(char) not in _UNSEARCHABLE
    )
    return " ".join("".join(kept).split())


def parse(text):
    """A Wagtail search query for cleaned `text`; nothing matches an empty one."""
    _filters, query = parse_query_string(text.replace(":", " "))
    return query
