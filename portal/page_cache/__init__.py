"""The anonymous page cache: what every anonymous visitor sees, rendered once
and served from Django's cache (Redis in production, shared by every app
server) until something it shows changes, and marked for a shared HTTP cache
(Varnish) in front.

- `generations`: one generation value per *tag*, kept in the shared cache.
  "content" is bumped by any change of what pages show (pages, translations,
  snippets, settings, topics, the directory, documents, images); a few
  frequently written tables have a tag of their own (registrations: the
  seats), on which only the pages that read them depend; and rows may have
  tags of their own (the seats of one event), for pages that show only
  those rows.
- `middleware`: serves and stores the pages, and writes `Cache-Control`.
- `signals`: bumps the generations when rows change, after the commit too.
- `varnish`: the `wagtail.contrib.frontend_cache` backend that also bans
  Varnish's objects by tag.
"""

from portal.page_cache.generations import (
    SEATS,
    bump,
    bump_table,
    depends_on,
    reading,
    tag_rows,
    uncacheable,
)

__all__ = ["SEATS", "bump", "bump_table", "depends_on", "reading", "tag_rows", "uncacheable"]
