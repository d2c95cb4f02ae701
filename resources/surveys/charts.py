"""Bar charts drawn by the portal itself as SVG, for survey results.

No JavaScript and no outside service: the chart is markup in the page. It is
one image for assistive technology (role="img" with a title and a description
that states every value), and the same numbers are in a table next to it.
"""

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
