"""Wagtail's apps as the portal installs them: without the API v3.

In ready(), Wagtail 8's images, documents, snippets and redirects
apps add their routers to the API v3 (django-ninja and pydantic, with a
schema built for every content type), whether or not that API is installed.
The portal does not install it: no `wagtail.api.v3` app, no URL, nothing
reads it. Building it anyway cost every process 41 MB (130 MB resident
after `get_wsgi_application()` with it, 89 MB without), about a third of a
gunicorn worker.

Each app's own ready() still runs in full; only the imports of its API v3
modules are answered, for the length of that call, by a module whose every
name does nothing. A later Wagtail that imports another API v3 module there
gets the same answer; one that imports it elsewhere gets the real module,
and tests/portal/test_memory.py says so."""

import sys
from contextlib import contextmanager
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType

from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.snippets.apps import WagtailSnippetsAppConfig


class _Nothing:
    """What an API v3 name stands for here: a router or an API whose
    add_router(), a function whose call, does nothing."""

    def __call__(self, *args, **kwargs):
        return None

    def __getattr__(self, name):
        return self


class _UnusedModule(ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Nothing()


class _UnusedApiFinder(MetaPathFinder, Loader):
    def __init__(self, packages):
        self.packages = packages

    def find_spec(self, fullname, path=None, target=None):
        if any(fullname == p or fullname.startswith(p + ".") for p in self.packages):
            return ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        return _UnusedModule(spec.name)

    def exec_module(self, module):
        module.__path__ = []


@contextmanager
def without(packages):
    """Imports of these packages and their modules get a stand-in."""
    finder = _UnusedApiFinder(packages)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        # Only the stand-ins leave: a real module imported before stays.
        for name in [n for n, m in sys.modules.items() if type(m) is _UnusedModule]:
            del sys.modules[name]


class ReadyWithoutApiV3:
    # The app's own API v3 package is "wagtail.<app>.api.v3".
    unused_packages = ("wagtail.api.v3",)

    def ready(self):
        with without((*self.unused_packages, f"{self.name}.api.v3")):
            super().ready()


class ImagesConfig(ReadyWithoutApiV3, WagtailImagesAppConfig):
    pass


class DocumentsConfig(ReadyWithoutApiV3, WagtailDocsAppConfig):
    pass


class SnippetsConfig(ReadyWithoutApiV3, WagtailSnippetsAppConfig):
    pass


class RedirectsConfig(ReadyWithoutApiV3, WagtailRedirectsAppConfig):
    # Its api package imports the API v2 (Django REST framework, and with
    # it YAML, Markdown and Pygments), which the portal does not serve either.
    unused_packages = ("wagtail.api.v3", "wagtail.contrib.redirects.api")
