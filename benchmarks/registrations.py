"""A registration storm as browsers make it: each client loads the form
(receiving the CSRF cookie and token) and posts it filled in."""

import datetime
import http.client
import itertools
import threading
import time
import uuid
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode

CLIENTS = 8


class FormReader(HTMLParser):
    """The fields of the first POST form carrying a CSRF token, filled in as a
    person would fill the required ones (honeypots and optional fields stay empty)."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._current = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._current = {"action": attrs.get("action") or "", "fields": [], "csrf": False}
            self.forms.append(self._current)
        elif self._current is None:
            return
        elif tag in ("input", "textarea"):
            kind = (attrs.get("type") or "text").lower() if tag == "input" else "textarea"
            if attrs.get("name") == "csrfmiddlewaretoken":
                self._current["csrf"] = True
            self._current["fields"].append((kind, attrs))
        elif tag == "select":
            self._select = ["select", dict(attrs), []]
            self._current["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._select[2].append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None


def filled_form(html, email):
    """(action, urlencoded body) for the page's CSRF-protected POST form."""
    reader = FormReader()
    reader.feed(html)
    form = next((f for f in reader.forms if f["csrf"]), None)
    if form is None:
        raise ValueError("No form with a CSRF token on the page")
    data = []
    for kind, attrs, *options in form["fields"]:
        name = attrs.get("name")
        if not name or "disabled" in attrs:
            continue
        required = "required" in attrs
        if kind == "hidden":
            data.append((name, attrs.get("value") or ""))
        elif not required:
            continue
        elif kind == "email":
            data.append((name, email))
        elif kind in ("checkbox", "radio"):
            if not any(n == name for n, _ in data):
                data.append((name, attrs.get("value") or "on"))
        elif kind == "select":
            choice = next((v for v in options[0] if v), "")
            data.append((name, choice))
        elif kind == "number":
            data.append((name, attrs.get("min") or "1"))
        elif kind == "date":
            data.append((name, datetime.date.today().isoformat()))
        else:
            data.append((name, "Benchmark Visitor"))
    return form["action"], urlencode(data)


class Storm:
    def __init__(self, port, form_path, *, headers):
        self.port = port
        self.form_path = form_path
        self.headers = dict(headers)
        self.origin = f"https://127.0.0.1:{port}"
        self.registered = 0
        self.failures = []
        self._lock = threading.Lock()
        self._numbers = itertools.count()

    def _request(self, method, path, *, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers={**self.headers, **(headers or {})})
            response = connection.getresponse()
            return response.status, response.getheader("Set-Cookie") or "", response.read()
        finally:
            connection.close()

    def register_once(self):
        status, set_cookie, body = self._request("GET", self.form_path)
        if status != 200:
            raise RuntimeError(f"form: HTTP {status}")
        cookie = SimpleCookie()
        cookie.load(set_cookie)
        cookies = "; ".join(f"{k}={m.value}" for k, m in cookie.items())
        email = f"benchmark-{uuid.uuid4().hex[:12]}-{next(self._numbers)}@example.org"
        action, form = filled_form(body.decode(), email)
        status, _, _ = self._request(
            "POST",
            action if action.startswith("/") else self.form_path,
            body=form,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookies,
                "Origin": self.origin,
                "Referer": self.origin + self.form_path,
            },
        )
        if status != 302:
            raise RuntimeError(f"POST: HTTP {status}")

    def _client(self, deadline):
        while time.monotonic() < deadline:
            try:
                self.register_once()
            except Exception as error:  # reported with the results
                with self._lock:
                    self.failures.append(str(error))
            else:
                with self._lock:
                    self.registered += 1

    def run(self, duration):
        """Registrations per second over `duration` seconds."""
        self.registered = 0
        started = time.monotonic()
        threads = [
            threading.Thread(target=self._client, args=(started + duration,))
            for _ in range(CLIENTS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return self.registered / (time.monotonic() - started)
