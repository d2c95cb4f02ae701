"""The portal's one public address.

`WAGTAILADMIN_BASE_URL` (e.g. `https://portal.example.org`) is the address
people and other systems reach the portal at. Every absolute link the portal
writes (calendar files and feeds, JSON-LD, Atom, the sitemap, "add to
calendar" links, mail) is built from it, never from the Host header of the
request that happened to cause it: a mail sent from a worker, a feed cached
for everyone or a page fetched through an internal address must all carry
the public one.

Wagtail builds full URLs from the default `Site` (hostname and port) and
Django's syndication and allauth from `django.contrib.sites`; both are set
from the base URL after every `migrate` (see `PortalConfig.ready`), by
`seed_demo` and by `manage.py set_public_address`.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections

DEFAULT_PORTS = {"http": 80, "https": 443}


def base_url():
    """The configured public address, without a trailing slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def _split():
    parts = urlsplit(base_url())
    scheme = parts.scheme or "https"
    port = parts.port or DEFAULT_PORTS.get(scheme, 443)
    return scheme, parts.hostname or "localhost", port, parts.path.rstrip("/")


def domain():
    """Host name, with the port when it is not the scheme's default."""
    scheme, hostname, port, _path = _split()
    if DEFAULT_PORTS.get(scheme) == port:
        return hostname
    return f"{hostname}:{port}"


def absolute(location):
    """A path on the public address: `/events/` ->
    `https://portal.example.org/events/`. A full URL is returned as it is
    (files in object storage have their own host)."""
    if not location:
        return base_url() + "/"
    parts = urlsplit(location)
    if parts.scheme and parts.netloc:
        return location
    return rebase(location)


def rebase(url):
    """`url` moved to the public address, whatever host it was built with:
    `http://127.0.0.1:8401/accounts/x/` -> `https://portal.example.org/accounts/x/`."""
    parts = urlsplit(url)
    scheme, _hostname, _port, prefix = _split()
    path = parts.path if parts.path.startswith("/") else "/" + parts.path
    if prefix and (path == prefix or path.startswith(prefix + "/")):
        path = path[len(prefix) :] or "/"
    return urlunsplit((scheme, domain(), prefix + path, parts.query, parts.fragment))


def site_name():
    return getattr(settings, "WAGTAIL_SITE_NAME", "") or "Cooperation Portal"


@dataclass(frozen=True)
class PublicSite:
    """What allauth's mail templates read as `current_site`."""

    name: str
    domain: str


def public_site():
    return PublicSite(name=site_name(), domain=domain())


def apply_public_address(using=DEFAULT_DB_ALIAS):
    """Point the default Wagtail `Site` and Django's `Site` at the public
    address. Returns the Wagtail site changed (or None when there is none)."""
    _scheme, hostname, port, _path = _split()
    wagtail_site = None
    if apps.is_installed("wagtail.sites") or apps.is_installed("wagtail"):
        Site = apps.get_model("wagtailcore", "Site")
        wagtail_site = Site.objects.using(using).filter(is_default_site=True).first()
        if wagtail_site is not None and (wagtail_site.hostname, wagtail_site.port) != (
            hostname,
            port,
        ):
            # Another site may already use that host and port (a second site
            # in the same tree): that one wins, the default site stays.
            taken = (
                Site.objects.using(using)
                .filter(hostname=hostname, port=port)
                .exclude(pk=wagtail_site.pk)
                .exists()
            )
            if not taken:
                wagtail_site.hostname = hostname
                wagtail_site.port = port
                wagtail_site.save(using=using)
    if apps.is_installed("django.contrib.sites"):
        DjangoSite = apps.get_model("sites", "Site")
        _site, created = DjangoSite.objects.using(using).update_or_create(
            pk=getattr(settings, "SITE_ID", 1),
            defaults={"domain": domain(), "name": site_name()},
        )
        if created:
            # Created with an explicit key (before django.contrib.sites' own
            # post_migrate, which then leaves it): move PostgreSQL's sequence
            # past it, as that one would.
            statements = connections[using].ops.sequence_reset_sql(no_style(), [DjangoSite])
            with connections[using].cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
    return wagtail_site


def apply_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate receiver: the tables exist only once every app migrated."""
    apply_public_address(using=using)
