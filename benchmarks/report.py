"""The one table `make benchmark` prints, in Markdown so it can go into the README."""

import statistics
from dataclasses import dataclass, field


@dataclass
class PageLine:
    label: str
    paths: list
    rates: list = field(default_factory=list)  # requests/s, one per round
    p50s: list = field(default_factory=list)  # ms, one per round
    # SQL queries, one count per path: the first request after every cache is
    # emptied; an anonymous visitor's with the page cache off (other caches
    # warm); a logged-in member's; the anonymous request repeated.
    queries_first: list = field(default_factory=list)
    queries_uncached: list = field(default_factory=list)
    queries_member: list = field(default_factory=list)
    queries_repeat: list = field(default_factory=list)
    bad_responses: int = 0

    @property
    def rate(self):
        return statistics.median(self.rates) if self.rates else 0.0

    @property
    def p50(self):
        return statistics.median(self.p50s) if self.p50s else 0.0


def ratio(rate, hello_rate):
    return rate / hello_rate if hello_rate else 0.0


def number(value):
    """Requests per second: whole numbers, one decimal below 100."""
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def milliseconds(value):
    return f"{value:.0f} ms" if value >= 100 else f"{value:.1f} ms"


def ratio_text(value):
    return f"{value:.3f}" if value >= 0.1 else f"{value:.4f}"


def span(values):
    if not values:
        return "–"
    low, high = min(values), max(values)
    return str(low) if low == high else f"{low}–{high}"


def megabytes(workers):
    """Each worker's (RSS, PSS, USS) in kB as "RSS / PSS / USS MB"."""
    return (
        ", ".join(" / ".join(f"{kb / 1024:.0f}" for kb in worker) + " MB" for worker in workers)
        or "?"
    )


def queries_text(line):
    """The four query counts of a line: empty caches / anonymous, page cache
    off / member / repeat."""
    return " / ".join(
        span(counts)
        for counts in (
            line.queries_first,
            line.queries_uncached,
            line.queries_member,
            line.queries_repeat,
        )
    )


def table(hello, pages, *, registrations_per_second, registration_path, memory, masters=None):
    """hello and pages are PageLine; memory maps a server's name to its
    workers' (RSS, PSS, USS) in kB, masters to its master's."""
    rows = [
        [
            "page",
            "URL",
            "requests/s",
            "p50",
            "÷ hello",
            "SQL queries: empty caches / anonymous, page cache off / member / repeat",
        ],
        ["hello (bare Django view)", "`/`", number(hello.rate), milliseconds(hello.p50), "1", "0"],
    ]
    for line in pages:
        url = f"`{line.paths[0]}`" + (
            f" (+{len(line.paths) - 1} more)" if len(line.paths) > 1 else ""
        )
        label = line.label + (
            f" ({line.bad_responses} responses not 2xx/3xx!)" if line.bad_responses else ""
        )
        rows.append(
            [
                label,
                url,
                number(line.rate),
                milliseconds(line.p50),
                ratio_text(ratio(line.rate, hello.rate)),
                queries_text(line),
            ]
        )
    rows.append(
        [
            "registrations (8 clients: form, then POST)",
            f"`{registration_path}`",
            f"{registrations_per_second:.1f} registrations/s",
            "",
            "",
            "",
        ]
    )
    rows.append(
        [
            "worker memory after the load (RSS / PSS / USS)",
            "",
            "; ".join(f"{name}: {megabytes(kb)}" for name, kb in memory.items()),
            "",
            "",
            "",
        ]
    )
    if masters:
        rows.append(
            [
                "gunicorn master after the load (RSS / PSS / USS)",
                "",
                "; ".join(f"{name}: {megabytes(kb)}" for name, kb in masters.items()),
                "",
                "",
                "",
            ]
        )
    lines = ["| " + " | ".join(rows[0]) + " |", "| " + " | ".join("---" for _ in rows[0]) + " |"]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows[1:]]
    return "\n".join(lines)
