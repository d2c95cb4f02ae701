"""Modules that every process imports but few requests use, run on first use.

Each name below cost every portal process memory for code that a page, a
registration or a feed never runs (RSS of a process after
`get_wsgi_application()` with the URLs loaded, measured one at a time):

- allauth's two-factor URLs import its WebAuthn flows whatever
  MFA_SUPPORTED_TYPES says, and those import `fido2` and, through it,
  `cryptography` (10 MB), for security keys, which the portal does not offer
  (settings: TOTP and recovery codes only);
- Wagtail's oEmbed finder, set up in `wagtail.embeds`' ready(), imports
  `requests` (with urllib3, idna, certifi), used only when a scenario's video
  is looked up for the first time;
- BeautifulSoup, imported by Wagtail's admin panels for every page model,
  imports `charset_normalizer` (2.4 MB, compiled) to guess the encoding of
  bytes nobody gives it, and `soupsieve` for CSS selectors nobody uses;
- Django REST framework (Wagtail's admin API) imports `yaml` for an OpenAPI
  export the portal does not serve.

`defer()` binds such a module at once and runs its code on the first read
of any of its names, as the Python documentation's "Implementing lazy
imports" recipe (importlib.util.LazyLoader) does, with one difference:
reading `__spec__` does not run it. Python reads a module's `__spec__` on
every `import name` of a module already imported, so with LazyLoader's own
module the first `import requests` anywhere ran requests; here only the first
use of `requests.get` does. A process that one day uses one of them gets the
whole real module then, not a stand-in.

`pillow_heif` is another matter: Willow imports it only to open HEIC photos,
which Wagtail refuses to upload unless WAGTAILIMAGES_EXTENSIONS names "heic"
(the portal's does not). Then the portal's processes behave as if it were not
installed, saving 5.8 MB of libheif and its codecs."""

import importlib.util
import sys
import threading
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType

from django.conf import settings

# Imported by other apps' modules while Django sets them up, so they are
# deferred when the portal's app config is imported (first in INSTALLED_APPS).
DEFERRED = ("requests", "charset_normalizer", "soupsieve", "yaml")
# Imported by allauth.mfa.webauthn.internal.flows (`from ... import auth`),
# read only inside functions that run for a WebAuthn authenticator. Deferred
# in PortalConfig.ready(): its package can be imported only once models are.
DEFERRED_AFTER_MODELS = ("allauth.mfa.webauthn.internal.auth",)

# What the import system reads of a module without using it.
_READ_WITHOUT_RUNNING = frozenset({"__spec__", "__name__", "__class__", "__dict__"})
_running = threading.RLock()
_in_progress = set()  # ids of the modules whose code is running now
_run_for_a_submodule = set()  # packages run by an import of one of their modules


class DeferredModule(ModuleType):
    """A module whose code has not run yet: it runs on the first read of
    any other name, and the module becomes an ordinary module."""

    def __getattribute__(self, name):
        if name not in _READ_WITHOUT_RUNNING:
            run(self, for_a_submodule=name == "__path__")
        return ModuleType.__getattribute__(self, name)

    def __setattr__(self, name, value):
        run(self)
        ModuleType.__setattr__(self, name, value)

    def __delattr__(self, name):
        run(self)
        ModuleType.__delattr__(self, name)


def run(module, *, for_a_submodule=False):
    """Run a deferred module's code, once, whichever thread asks first; the
    others wait for it to finish. If its code fails, the error is raised and
    the module stays deferred: its next use runs it again."""
    if type(module) is not DeferredModule:
        return
    with _running:
        # Run meanwhile by another thread, or being run by this one: its own
        # code (or a circular import) reads it as Python's imports do.
        if type(module) is not DeferredModule or id(module) in _in_progress:
            return
        spec = ModuleType.__getattribute__(module, "__spec__")
        _in_progress.add(id(module))
        try:
            spec.loader.exec_module(module)
            object.__setattr__(module, "__class__", ModuleType)
        finally:
            _in_progress.discard(id(module))
        if for_a_submodule:
            _run_for_a_submodule.add(spec.name)


class SubmoduleOfADeferredPackage(MetaPathFinder, Loader):
    """`import package.module` before any use of a deferred package reads
    the package's __path__, which runs it, and the package's own code usually
    imports that module. Python (3.11) has decided to load the module by
    then and would run it a second time, leaving two copies (an exception
    class raised by one and caught as the other's, say). This finder hands
    the import system the module that the package's run made instead."""

    def __init__(self):
        self.real_specs = {}

    def find_spec(self, fullname, path=None, target=None):
        parent = fullname.rpartition(".")[0]
        if parent not in _run_for_a_submodule:
            return None
        _run_for_a_submodule.discard(parent)
        module = sys.modules.get(fullname)
        if module is None:
            return None
        self.real_specs[fullname] = module.__dict__.get("__spec__")
        return ModuleSpec(fullname, self, is_package="__path__" in module.__dict__)

    def create_module(self, spec):
        return sys.modules[spec.name]

    def exec_module(self, module):
        # The import system gave it the spec above; it keeps its own.
        module.__spec__ = self.real_specs.pop(module.__name__)


_finder = SubmoduleOfADeferredPackage()


def defer(name):
    """Bind `name` now, run it on first use. Does nothing if it is already
    imported (then it is too late to save anything, and nothing to break) or
    is not installed (then its importers' own ImportError handling applies)."""
    if name in sys.modules:
        return sys.modules[name]
    parent_name, _, child = name.rpartition(".")
    parent = importlib.import_module(parent_name) if parent_name else None
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return None
    if _finder not in sys.meta_path:
        sys.meta_path.insert(0, _finder)
    module = importlib.util.module_from_spec(spec)
    module.__class__ = DeferredModule
    sys.modules[name] = module
    if parent is not None:
        # `from package import child` then finds it without importing it.
        setattr(parent, child, module)
    return module


def heic_accepted():
    # Wagtail's own default (wagtail.images.utils.get_allowed_image_extensions),
    # read without importing Wagtail's images app before it is set up.
    return "heic" in getattr(
        settings, "WAGTAILIMAGES_EXTENSIONS", ["avif", "gif", "jpg", "jpeg", "png", "webp"]
    )


def register():
    """Before the other apps' modules are imported."""
    for name in DEFERRED:
        defer(name)
    if not heic_accepted() and "pillow_heif" not in sys.modules:
        # None in sys.modules makes `import pillow_heif` raise ImportError,
        # which Willow takes as "not installed".
        sys.modules["pillow_heif"] = None


def register_after_models():
    for name in DEFERRED_AFTER_MODELS:
        defer(name)
