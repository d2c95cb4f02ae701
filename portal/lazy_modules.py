"""Modules that every process imports but few requests use, loaded on first use.

allauth's two-factor URLs import its WebAuthn flows whatever
MFA_SUPPORTED_TYPES says, and those import `fido2` and, through it,
`cryptography`: 10 MB in every process (measured after
`get_wsgi_application()` with the URLs loaded) for security keys, which the
portal does not offer (settings: TOTP and recovery codes only).

`lazy()` registers such a module the way the Python documentation's
"Implementing lazy imports" recipe does (importlib.util.LazyLoader): an
import binds a module object at once, and the module's code runs on the
first attribute read. A process that one day reads it (a later allauth, or
WebAuthn switched on) gets the whole real module then, not a stand-in."""

import importlib.util
import sys

# Imported by allauth.mfa.webauthn.internal.flows at import time, read only
# inside functions that run for a WebAuthn authenticator.
LAZY = ("allauth.mfa.webauthn.internal.auth",)


def lazy(name):
    """Bind `name` now, run it on first use. Does nothing if it is already
    imported (then it is too late to save anything, and nothing to break)."""
    if name in sys.modules:
        return sys.modules[name]
    parent_name, _, child = name.rpartition(".")
    parent = importlib.import_module(parent_name)
    spec = importlib.util.find_spec(name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    setattr(parent, child, module)
    return module


def register():
    for name in LAZY:
        lazy(name)
