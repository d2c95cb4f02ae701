"""Send seeded bad input to every discovered GET target and POST form, as
one role, and record what went wrong: a server error, a marker tag coming
back unescaped in HTML, or data changed by a request that was refused."""

import copy
import json
import random
import re
import time
from dataclasses import dataclass, field
from urllib.parse import quote_from_bytes

from tests.fuzz.payloads import MARKER_PREFIX, Payloads

ERROR_MARKUP = (b'class="field-error"', b'class="form-errors"', b'class="errorlist')
PLAIN_PASSWORD = "not-the-password-1"
CSRF_INPUT = re.compile(
    rb'name="csrfmiddlewaretoken" value="([^"]+)"'
)  # never any demo account's password


@dataclass
class Failure:
    role: str
    method: str
    path: str
    detail: str
    request: str

    def __str__(self):
        return f"[{self.role}] {self.method} {self.path} -> {self.detail}\n    {self.request[:300]}"


@dataclass
class Stats:
    requests: int = 0
    posts: int = 0
    statuses: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)  # path -> [requests, seconds]

    def count(self, status):
        self.statuses[status] = self.statuses.get(status, 0) + 1


def encode_pairs(pairs):
    return b"&".join(
        quote_from_bytes(name, safe=b"[]").encode() + b"=" + quote_from_bytes(value).encode()
        for name, value in pairs
    )


def _bytes(value):
    return value if isinstance(value, bytes) else str(value).encode()


def baseline(form, number):
    """Plausible values for every field of a form (wrong passwords only)."""
    pairs = []
    for name, values in form.fields.items():
        kind = form.types.get(name, "text")
        options = [v for v in values if v]
        if kind == "submit":
            value = values[0] if values else ""
        elif kind in ("select", "radio", "checkbox"):
            if not options:
                continue
            value = options[0]
        elif kind == "email" or "email" in name:
            value = f"fuzz{number}@example.org"
        elif kind == "password" or "password" in name:
            value = PLAIN_PASSWORD
        elif kind == "number":
            value = "1"
        elif kind == "date":
            value = "2026-06-01"
        elif kind == "hidden":
            value = values[0] if values else ""
        else:
            value = options[0] if options else "Fuzz text"
        pairs.append((_bytes(name), _bytes(value)))
    return pairs


class Runner:
    def __init__(self, role, client, site, *, seed, counts, check_session):
        self.role = role
        self.client = client
        self.site = site
        self.rng = random.Random(seed)
        self.payloads = Payloads(self.rng)
        self.counts = counts
        self.check_session = check_session
        self.failures = []
        self.stats = Stats()
        self.gets = sorted(site.gets.items())
        self.forms = list(site.forms)

    # --- checks -----------------------------------------------------------------

    def _check(self, method, path, response, described, started):
        spent = self.stats.seconds.setdefault(f"{method} {path}", [0, 0.0])
        spent[0] += 1
        spent[1] += time.monotonic() - started
        self.stats.requests += 1
        self.stats.count(response.status_code)
        if response.status_code >= 500:
            self.failures.append(
                Failure(self.role, method, path, f"HTTP {response.status_code}", described)
            )
            return
        content_type = response.get("Content-Type", "")
        html = content_type.startswith("text/html") and not response.streaming
        if html and MARKER_PREFIX in response.content:
            self.failures.append(
                Failure(self.role, method, path, "marker reflected unescaped", described)
            )

    # --- GET --------------------------------------------------------------------

    def _get_query(self, params):
        rng = self.rng
        names = [name.encode() for name in params]
        kind = rng.choice(
            ["field", "field", "field", "repeat", "unknown", "raw", "many", "path", "headers"]
        )
        pairs = []
        if names:
            for name in rng.sample(names, k=rng.randint(0, min(3, len(names)))):
                known = sorted(params[name.decode()])
                if known:
                    pairs.append((name, known[rng.randrange(len(known))].encode()))
        if kind == "field" and names:
            pairs.append((rng.choice(names), self.payloads.value()))
        elif kind == "repeat" and names:
            name = rng.choice(names)
            pairs.extend((name, self.payloads.value()) for _ in range(rng.randint(2, 50)))
        elif kind == "many":
            pairs.extend((b"p%d" % i, b"1") for i in range(rng.choice([50, 1100])))
        elif kind == "raw":
            name = rng.choice(names) if names else b"q"
            raw = (
                name + b"=" + self.payloads.value(rng.choice(["invalid_utf8", "surrogate", "html"]))
            )
            return kind, raw.decode("latin-1")
        else:
            pairs.append((self.payloads.unknown_name(), self.payloads.value()))
        return kind, encode_pairs(pairs).decode("ascii")

    def _headers(self):
        """Odd request headers and a bad language cookie next to the
        client's own cookies (its session stays)."""
        value = self.payloads.value().decode("latin-1")
        name = self.rng.choice(
            [
                "HTTP_ACCEPT_LANGUAGE",
                "HTTP_ACCEPT",
                "HTTP_IF_MODIFIED_SINCE",
                "HTTP_IF_NONE_MATCH",
                "HTTP_REFERER",
                "HTTP_X_REQUESTED_WITH",
                "HTTP_RANGE",
                "HTTP_COOKIE",
            ]
        )
        if name == "HTTP_COOKIE":
            own = "; ".join(f"{key}={morsel.value}" for key, morsel in self.client.cookies.items())
            cookie = self.rng.choice(["django_language", "csrftoken", "messages"])
            return {name: f"{own}; {cookie}={value}".lstrip("; ")}
        return {name: value}

    def get(self):
        path, params = self.gets[self.rng.randrange(len(self.gets))]
        kind, query = self._get_query(params)
        if kind == "path":
            # A bad id, slug or token in place of a real one (numbers where
            # the path has one), or a segment added at the end.
            segments = path.strip("/").split("/")
            numeric = [i for i, segment in enumerate(segments) if segment.isdigit()]
            value = self.payloads.value("number" if numeric else None)
            segment = quote_from_bytes(value)
            if numeric:
                segments[self.rng.choice(numeric)] = segment
            elif segments != [""] and self.rng.random() < 0.7:
                segments[self.rng.randrange(len(segments))] = segment
            else:
                segments.append(segment)
            path = "/" + "/".join(s for s in segments if s) + "/"
        started = time.monotonic()
        extra = self._headers() if kind == "headers" else {}
        # A bad CSRF cookie is answered with a new one; keep the client's, so
        # that the tokens read from its forms stay valid.
        cookies = copy.deepcopy(self.client.cookies)
        response = self.client.get(path, QUERY_STRING=query, **extra)
        if extra:
            self.client.cookies = cookies
        self._check("GET", path, response, f"?{query} {extra}"[:2000], started)

    # --- POST -------------------------------------------------------------------

    def _body(self, form, kind):
        rng = self.rng
        pairs = baseline(form, self.payloads.count)
        csrf = [(b"csrfmiddlewaretoken", form.csrf.encode())] if form.csrf else []
        names = [name for name, _ in pairs] or [b"field"]
        if kind == "missing_csrf":
            csrf = []
        elif kind == "bad_csrf":
            csrf = [(b"csrfmiddlewaretoken", self.payloads.value())]
        elif kind == "empty":
            pairs = []
        elif kind == "repeat":
            name = rng.choice(names)
            pairs += [(name, self.payloads.value()) for _ in range(rng.randint(2, 30))]
        elif kind == "unknown":
            pairs.append((self.payloads.unknown_name(), self.payloads.value()))
        else:
            for name in rng.sample(names, k=rng.randint(1, min(3, len(names)))):
                pairs = [(n, self.payloads.value() if n == name else v) for n, v in pairs]
        return csrf + pairs

    def post(self):
        rng = self.rng
        form = self.forms[rng.randrange(len(self.forms))]
        kind = rng.choice(
            ["field"] * 6
            + ["missing_csrf", "bad_csrf", "empty", "repeat", "unknown", "content_type"]
        )
        pairs = self._body(form, kind)
        content_type = "application/x-www-form-urlencoded"
        body = encode_pairs(pairs)
        if kind == "content_type":
            choice = rng.randrange(5)
            token = dict(pairs).get(b"csrfmiddlewaretoken", b"").decode()
            if choice == 0:
                content_type = "application/json"
                body = json.dumps(
                    {n.decode("latin-1"): v.decode("latin-1") for n, v in pairs}
                ).encode()
            elif choice == 1:
                content_type = "text/plain"
                body = b"\n".join(n + b"=" + v for n, v in pairs)
            elif choice == 2:
                content_type = "multipart/form-data; boundary=" + rng.choice(["", "x", "a" * 80])
                body = b"--x\r\nContent-Disposition: form-data\r\n\r\n" + self.payloads.value()
            elif choice == 3:
                # Raw, unescaped bytes in a form body.
                body = b"&".join(n + b"=" + v for n, v in pairs)
            else:
                content_type = "application/x-www-form-urlencoded; charset=x-fuzz"
            headers = {"X-CSRFToken": token} if token else {}
        else:
            headers = {}
        before = self.counts()
        started = time.monotonic()
        response = self.client.generic(
            "POST", form.action, body, content_type=content_type, headers=headers
        )
        self.stats.posts += 1
        described = f"{content_type} {body[:300]!r}"
        self._check("POST", form.action, response, described, started)
        refused = response.status_code >= 400 or (
            response.status_code == 200
            and not response.streaming
            and any(markup in response.content for markup in ERROR_MARKUP)
        )
        if kind == "missing_csrf" and form.csrf and response.status_code != 403:
            self.failures.append(
                Failure(self.role, "POST", form.action, "accepted without CSRF token", described)
            )
        if refused:
            after = self.counts()
            if after != before:
                changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
                self.failures.append(
                    Failure(
                        self.role, "POST", form.action, f"refused but changed {changed}", described
                    )
                )
        if self.check_session(self.client):
            self._refresh_csrf()

    def _refresh_csrf(self):
        """Signing in or out gives the session a new CSRF secret: read a
        fresh token from a form page for all the forms."""
        for form in self.forms:
            response = self.client.get(form.page)
            found = CSRF_INPUT.search(response.content) if response.status_code == 200 else None
            if found:
                for each in self.forms:
                    if each.csrf:
                        each.csrf = found.group(1).decode()
                return

    def run(self, inputs):
        for _ in range(inputs):
            if self.forms and self.rng.random() < 0.35:
                self.post()
            else:
                self.get()
        return self.failures
