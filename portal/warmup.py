"""What every web worker needs on its first request, loaded once in
gunicorn's master process before the workers are forked from it
(deploy/gunicorn/gunicorn.conf.py), so that every worker shares it instead of
holding a copy of its own: the translation catalogues of every language and
the URL resolver's reverse tables.

Templates are not compiled here. Compiling all 718 (Wagtail's admin
included) in the master made each worker 14 MB larger as RSS and 5 MB as
PSS after `make benchmark`, and saved it 1 MB of its own: a worker touches
(and so copies) every template it renders, and it renders few of them."""

from django.conf import settings
from django.urls import get_resolver
from django.utils import translation


def warm_up():
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Search")
            resolver = get_resolver()
            resolver.reverse_dict  # noqa: B018 - populates the tables
