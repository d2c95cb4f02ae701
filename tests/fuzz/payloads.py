"""Bad input, made up from a seed: the kinds an attacker or a careless user
sends (issue #19). Every value is bytes, so that invalid UTF-8 and lone
surrogates can be sent as they are; `marker(n)` is an HTML tag that must never
come back unescaped."""

import random

MARKER_PREFIX = b"<x-fuzz-"


def marker(number):
    return b"<x-fuzz-%d>" % number


SQL = [
    b"' OR '1'='1",
    b"1; DROP TABLE auth_user;--",
    b'" OR 1=1 --',
    b"1' UNION SELECT NULL,NULL--",
    b"%' AND 1=0 --",
    b"\\'; --",
    b"1) OR (1=1",
    b"') OR ('a'='a",
]
SEARCH_SYNTAX = [b'"', b"a AND", b"NEAR(", b"*", b"^", b"a:b", b"-", b"(", b")", b"OR", b'"a', b"$"]
NUMBERS = [
    b"9" * 30,
    b"99999999999999999999",
    b"1e308",
    b"-1e308",
    b"NaN",
    b"inf",
    b"-inf",
    b"9223372036854775808",
    b"-9223372036854775809",
    b"-1",
    b"-0",
    b"0",
    b"-999999",
    b"1.5",
    b"0x10",
    b"1_000",
    "١٢٣".encode(),
    "１２３".encode(),
    b"+1",
    b" 1 ",
]
DATES = [
    b"2026-02-30",
    b"0000-00-00",
    b"99999-12-31",
    b"2026-13-01",
    b"-2026-01-01",
    b"2026-01-01T25:61:00",
    b"1970-01-01T00:00:00+99:00",
    b"yesterday",
    b"2026/01/01",
    b"0001-01-01",
    b"9999-12-31",
    b"2026-W60",
    b"2026-1-1",
    b"31.02.2026",
]
INVALID_UTF8 = [b"\xff\xfe", b"\xc0\xaf", b"a\x80b", b"\xe2\x82", b"\xf8\x88\x80\x80\x80", b"\xfe"]
# UTF-8 spellings of lone surrogates (not valid UTF-8 either).
SURROGATES = [b"\xed\xa0\x80", b"\xed\xbf\xbf", b"a\xed\xb0\x80b"]
CONTROL = [b"a\x00b", b"\x00", b"\x1b[31mEve", b"\x07\x08\x0b\x0c", b"line\r\nSet-Cookie: x=1"]
TEXT = [
    "Zażółć gęślą jaźń".encode(),
    "𝕏".encode() * 50,
    "\u202ereversed".encode(),
    "\ufeffbom".encode(),
    "e\u0301\u0301\u0301".encode(),
    b"../../etc/passwd",
    b"%2e%2e%2f",
    b"http://evil.example/",
    b"//evil.example",
    b"javascript:alert(1)",
    b"a@b",
    b"@",
    b"x" * 300 + b"@example.org",
    b"{{ 7*7 }}{% debug %}",
    b"${7*7}",
    b"__proto__",
    b"",
    b" ",
    b"\t\n",
]
UNKNOWN_NAMES = [
    b"__proto__",
    b"a[b]",
    b"fuzz",
    b"",
    b"\x00",
    b"page[]",
    b"q[]",
    b"csrfmiddlewaretoken",
    b"format",
    b"lang",
    b"next",
]

KINDS = [
    "overlong",
    "nul",
    "invalid_utf8",
    "surrogate",
    "sql",
    "html",
    "search",
    "number",
    "date",
    "text",
]


class Payloads:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.count = 0

    def next_marker(self):
        self.count += 1
        return marker(self.count)

    def html(self):
        tag = self.next_marker()
        return self.rng.choice(
            [
                tag,
                b'"><x-fuzz-' + tag[8:] + b" onmouseover=alert(1)>",
                b"'>" + tag,
                b"</textarea></script>" + tag,
                b"javascript:alert('" + tag + b"')",
                b"<script>alert(1)</script>" + tag,
                b"<img src=x onerror=alert(1)>" + tag,
            ]
        )

    def value(self, kind=None):
        kind = kind or self.rng.choice(KINDS)
        rng = self.rng
        if kind == "overlong":
            return rng.choice([b"A", b"\xc5\xbc", b"<", b"9"]) * rng.choice([1000, 10_000, 100_000])
        if kind == "nul":
            return rng.choice(CONTROL)
        if kind == "invalid_utf8":
            return rng.choice(INVALID_UTF8)
        if kind == "surrogate":
            return rng.choice(SURROGATES)
        if kind == "sql":
            return rng.choice(SQL)
        if kind == "html":
            return self.html()
        if kind == "search":
            return rng.choice(SEARCH_SYNTAX) + rng.choice([b"", b"x", self.html()])
        if kind == "number":
            return rng.choice(NUMBERS)
        if kind == "date":
            return rng.choice(DATES)
        return rng.choice(TEXT)

    def unknown_name(self):
        return self.rng.choice([*UNKNOWN_NAMES, self.html(), self.value("invalid_utf8")])
