"""Bar charts drawn by the portal itself as SVG, for survey results.

No JavaScript and no outside service: the chart is markup in the page. It is
one image for assistive technology (role="img" with a title and a description
that states every value), and the same numbers are in a table next to it.
"""

import bisect
import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH = 640
ROW_HEIGHT = 46
BAR_HEIGHT = 18
LABEL_LIMIT = 80
BAR_COLOUR = "#1d5b99"  # 6.7:1 on white
TEXT_COLOUR = "#1f2933"


def _short(label):
    return label if len(label) <= LABEL_LIMIT else label[: LABEL_LIMIT - 1] + "…"


def _percent(share):
    return f"{round(share * 100)}\u00a0%"


def bar_chart(chart_id, title, rows, n):
    """rows: objects with `label`, `count`, `share` (0..1). Returns safe SVG markup."""
    description = "; ".join(
        _("%(label)s: %(count)d (%(share)s)")
        % {"label": row.label, "count": row.count, "share": _percent(row.share)}
        for row in rows
    )
    description = _("Answers from %(n)d respondents. %(values)s") % {
        "n": n,
        "values": description,
    }
    height = ROW_HEIGHT * max(len(rows), 1) + 10
    value_space = 110
    scale = WIDTH - value_space
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="survey-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="system-ui, sans-serif" font-size="14">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for index, row in enumerate(rows):
        top = index * ROW_HEIGHT + 4
        bar = round(scale * row.share, 1)
        parts.append(
            f'<text x="0" y="{top + 14}" fill="{TEXT_COLOUR}">{escape(_short(row.label))}</text>'
        )
        parts.append(
            f'<rect x="0" y="{top + 20}" width="{max(bar, 1)}" height="{BAR_HEIGHT}" '
            f'fill="{BAR_COLOUR}"/>'
        )
        parts.append(
            f'<text x="{bar + 6}" y="{top + 34}" fill="{TEXT_COLOUR}">'
            f"{row.count} ({_percent(row.share)})</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


@dataclass
class Bin:
    low: float
    high: float
    count: int
    last: bool = False
    is_integer: bool = False

    @property
    def label(self):
        # Whole-number bins [20, 25) read as "20–24"; others as ranges, the
        # last one closed.
        if self.is_integer:
            high = int(self.high) - 1
            return str(int(self.low)) if high <= self.low else f"{int(self.low)}–{high}"
        closing = "]" if self.last else ")"
        return f"[{_number(self.low)}, {_number(self.high)}{closing}"


def _number(value):
    return f"{value:g}"


def histogram_bins(values, max_bins=12):
    """Equal-width bins for `values` (Sturges' rule, at most max_bins); whole
    numbers get whole-number bins. The last bin includes its upper edge."""
    values = sorted(values)
    if not values:
        return []
    low, high = values[0], values[-1]
    integer = all(float(v).is_integer() for v in values)
    count = min(max_bins, max(1, math.ceil(math.log2(len(values)) + 1)))
    if integer:
        span = int(high) - int(low) + 1
        width = max(1, math.ceil(span / count))
        edges = [int(low) + i * width for i in range(math.ceil(span / width) + 1)]
    else:
        if high == low:
            return [Bin(low, high, len(values), last=True)]
        width = (high - low) / count
        edges = [low + i * width for i in range(count)] + [high]
    bins = [
        Bin(edges[i], edges[i + 1], 0, last=i == len(edges) - 2, is_integer=integer)
        for i in range(len(edges) - 1)
    ]
    for value in values:
        index = bisect.bisect_right(edges, value) - 1
        bins[min(max(index, 0), len(bins) - 1)].count += 1
    return bins


def histogram(chart_id, title, bins, n):
    """A column chart of the bins, with the same text alternative as bar_chart."""
    description = "; ".join(
        _("%(range)s: %(count)d") % {"range": b.label, "count": b.count} for b in bins
    )
    description = _("Histogram of %(n)d answers. %(values)s") % {"n": n, "values": description}
    height = 240
    plot = height - 50
    top = max((b.count for b in bins), default=1) or 1
    slot = WIDTH / max(len(bins), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="survey-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for index, b in enumerate(bins):
        bar = round(plot * b.count / top, 1)
        x = round(index * slot + 2, 1)
        width = round(max(slot - 4, 1), 1)
        parts.append(
            f'<rect x="{x}" y="{20 + plot - bar}" width="{width}" height="{max(bar, 1)}" '
            f'fill="{BAR_COLOUR}"/>'
        )
        middle = round(x + width / 2, 1)
        parts.append(
            f'<text x="{middle}" y="{14 + plot - bar}" text-anchor="middle" '
            f'fill="{TEXT_COLOUR}">{b.count}</text>'
        )
        parts.append(
            f'<text x="{middle}" y="{plot + 36}" text-anchor="middle" '
            f'fill="{TEXT_COLOUR}">{escape(b.label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
