"""What a web worker would otherwise load on its first requests, loaded once
in gunicorn's master process before the workers are forked from it
(deploy/gunicorn/gunicorn.conf.py), so that every worker shares it instead of
holding a copy of its own: the translation catalogues of every language, the
URL resolver's reverse tables and the compiled templates."""

from pathlib import Path

from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation


def template_names():
    """Every template of the project and its installed apps, as names."""
    for directory in engines["django"].template_dirs:
        root = Path(directory)
        for path in root.rglob("*.html"):
            yield path.relative_to(root).as_posix()


def warm_up():
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Search")
            resolver = get_resolver()
            resolver.reverse_dict  # noqa: B018 - populates the tables
    for name in set(template_names()):
        try:
            engines["django"].get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError, UnicodeDecodeError):
            # Templates of apps the portal does not use may need libraries it
            # does not load; they are simply not warmed.
            continue
