"""What there is to fuzz, found the way a visitor finds it: by crawling the
demo site as each role and reading the links (their query parameters) and
forms (GET filters, POST forms with their fields and CSRF token) on every
page, plus the filter sets' own parameter names and the pages no link
leads to (check-in lists, personal links)."""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urljoin, urlsplit

from bs4 import BeautifulSoup

# Not followed: the admin (out of scope), downloads (counted), logging out
# (ends the role's session) and files.
SKIP_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/", "/django-admin/")
SKIP_PARTS = ("logout", "/accounts/3rdparty/")
NOT_PARSED = re.compile(r"\.(ics|atom|csv|json|vcf|xml|xlsx|pdf)$")
# A page per shape (a path with its last segment as a wildcard) is enough.
PER_SHAPE = 3


@dataclass
class Form:
    page: str
    action: str
    method: str
    fields: dict = field(default_factory=dict)  # name -> [candidate values]
    types: dict = field(default_factory=dict)  # name -> input type
    csrf: str = ""


@dataclass
class Site:
    gets: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    forms: list = field(default_factory=list)
    pages: int = 0

    def add_form(self, form):
        """One form per action and set of fields (a check-in list has one
        per attendee), at most PER_SHAPE per action."""
        same_action = [known for known in self.forms if known.action == form.action]
        if len(same_action) >= PER_SHAPE:
            return
        if any(sorted(known.fields) == sorted(form.fields) for known in same_action):
            return
        self.forms.append(form)


def _shape(path):
    parts = path.rstrip("/").split("/")
    return "/".join(parts[:-1] + ["*"]) if len(parts) > 2 else path


def _local(url, base):
    absolute = urljoin("http://testserver" + base, url)
    parts = urlsplit(absolute)
    if parts.netloc != "testserver" or parts.scheme not in ("http", "https"):
        return None
    return parts


def _skipped(path):
    return path.startswith(SKIP_PREFIXES) or any(part in path for part in SKIP_PARTS)


def _read_form(form, page):
    method = (form.get("method") or "get").lower()
    parts = _local(form.get("action") or page, page)
    if parts is None or _skipped(parts.path):
        return None
    found = Form(page=page, action=parts.path, method=method)
    for element in form.find_all(["input", "select", "textarea", "button"]):
        name = element.get("name")
        if not name:
            continue
        kind = element.name if element.name != "input" else (element.get("type") or "text").lower()
        if element.name == "button" or kind in ("submit", "image", "reset"):
            if element.get("value") is not None:
                found.fields.setdefault(name, []).append(element["value"])
                found.types.setdefault(name, "submit")
            continue
        if name == "csrfmiddlewaretoken":
            found.csrf = element.get("value", "")
            continue
        values = found.fields.setdefault(name, [])
        found.types.setdefault(name, kind)
        if element.name == "select":
            values.extend(o.get("value", o.text) for o in element.find_all("option"))
        elif element.name == "textarea":
            values.append(element.text)
        else:
            values.append(element.get("value", "on" if kind in ("checkbox", "radio") else ""))
    return found


def crawl(client, seeds, limit):
    """GET pages breadth-first from `seeds`, at most `limit` of them."""
    site = Site()
    queue = list(dict.fromkeys(seeds))
    seen = set()
    shapes = defaultdict(int)
    while queue and site.pages < limit:
        url = queue.pop(0)
        parts = urlsplit(url)
        path = parts.path
        for name, value in parse_qsl(parts.query, keep_blank_values=True):
            site.gets[path][name].add(value)
        if path in seen or _skipped(path):
            continue
        seen.add(path)
        site.gets[path]  # noqa: B018 - a target even without parameters
        shape = _shape(path)
        if shapes[shape] >= PER_SHAPE:
            continue
        shapes[shape] += 1
        response = client.get(url)
        site.pages += 1
        if response.status_code != 200 or NOT_PARSED.search(path):
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        soup = BeautifulSoup(response.content, "html.parser")
        for link in soup.find_all("a", href=True):
            linked = _local(link["href"], path)
            if linked is None or _skipped(linked.path):
                continue
            for name, value in parse_qsl(linked.query, keep_blank_values=True):
                site.gets[linked.path][name].add(value)
            queue.append(linked.path + (f"?{linked.query}" if linked.query else ""))
        for element in soup.find_all("form"):
            form = _read_form(element, path)
            if form is None:
                continue
            if form.method == "get":
                for name, values in form.fields.items():
                    site.gets[form.action][name].update(v for v in values if v is not None)
            else:
                site.add_form(form)
    return site
