"""Sections that apps add to pages they do not own, through Wagtail hooks.

Each hook function returns a dict with a ``template`` and its context, or None
when it has nothing to show, so an absent or empty app renders nothing and
leaves no broken link. The hooks and their arguments:

- ``portal_home_sections(request, home_page)``
- ``portal_topic_sections(request, topic)``
- ``portal_search_sections(request, query)``: first page of results only
- ``portal_account_sections(request)``
- ``directory_institution_sections(request, institution)``
"""

from wagtail import hooks


def collect(hook_name, *args):
    """The sections the hooks registered under `hook_name` build, in hook order."""
    sections = []
    for build_section in hooks.get_hooks(hook_name):
        section = build_section(*args)
        if section:
            sections.append(section)
    return sections
