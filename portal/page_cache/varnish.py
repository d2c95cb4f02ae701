"""Varnish in front of the portal (deploy/varnish/portal.vcl).

`WAGTAILFRONTENDCACHE` names `VarnishBackend` (settings: `VARNISH_URL`).
Wagtail's frontend cache purges a page's own URLs when it is published or
unpublished (PURGE, which the VCL accepts from the app servers). That alone
would leave stale every other page showing it (listings, the home page, its
translation's navigation) and every page showing seats or directory entries,
which are not pages at all. So the portal also bans by tag: each cached
response carries `X-Cache-Tags` (the tags of `portal.page_cache.generations`
it depends on), and when a tag's generation is bumped, after the commit,
every backend that can is sent `BAN` with that tag: Varnish drops every
object carrying it. The ban is sent at once, not queued, so the next visitor
already gets a fresh page."""

import logging
import re
from urllib.error import HTTPError, URLError
from urllib.parse import urlunsplit
from urllib.request import Request, urlopen

from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger("wagtail.frontendcache")

TAG = re.compile(r"^[a-z0-9-]+$")
TIMEOUT_SECONDS = 5


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP (PURGE) backend that can also ban every object
    carrying a tag."""

    def ban_tags(self, tags):
        for tag in tags:
            if not TAG.match(tag):
                raise ValueError(f"Not a cache tag: {tag!r}")
            request = Request(  # noqa: S310 - the configured VARNISH_URL
                url=urlunsplit([self.cache_scheme, self.cache_netloc, "/", "", ""]),
                method="BAN",
                headers={"X-Cache-Tags": tag, "User-Agent": "portal-page-cache"},
            )
            try:
                with urlopen(request, timeout=TIMEOUT_SECONDS):  # noqa: S310 - the configured VARNISH_URL
                    pass
            except HTTPError as error:
                logger.error("Could not ban tag %r in Varnish: HTTP %s", tag, error.code)
            except (URLError, OSError) as error:
                logger.error("Could not ban tag %r in Varnish: %s", tag, error)


def ban_tags(tags):
    """Tell every configured frontend cache that can to drop what carries `tags`."""
    for backend in get_backends().values():
        if hasattr(backend, "ban_tags"):
            backend.ban_tags(tags)
