"""Horizontal bar charts as inline, accessible SVG (no script, no external resource)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH = 760
LABEL_WIDTH = 320
NOTE_WIDTH = 130
ROW_HEIGHT = 26
BAR_HEIGHT = 18
LEGEND_HEIGHT = 28
MAX_LABEL_CHARS = 40
TOTAL_COLOUR = "#9ecae1"
PART_COLOUR = "#08519c"


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value, an optional part drawn over it (e.g. open datasets), the text after it."""

    label: str
    value: float
    note: str
    part: float | None = None
    colour: str = TOTAL_COLOUR


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def bar_chart(chart_id: str, title: str, description: str, bars: list[Bar], legend: list[tuple[str, str]]) -> str:
    """An SVG bar chart with a <title> and <desc> for screen readers and a tooltip per bar."""
    top = LEGEND_HEIGHT if legend else 6
    height = top + max(len(bars), 1) * ROW_HEIGHT + 8
    scale_width = WIDTH - LABEL_WIDTH - NOTE_WIDTH
    largest = max((bar.value for bar in bars), default=0) or 1
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    x = LABEL_WIDTH
    for colour, text in legend:
        parts.append(f'<rect x="{x}" y="6" width="14" height="14" fill="{colour}"/>')
        parts.append(f'<text x="{x + 20}" y="18" class="legend">{escape(text)}</text>')
        x += 28 + 7 * len(text)
    for index, bar in enumerate(bars):
        y = top + index * ROW_HEIGHT
        length = scale_width * bar.value / largest
        parts.append(f'<g class="bar"><title>{escape(bar.label)} : {escape(bar.note)}</title>')
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT - 4}" text-anchor="end" class="label">'
            f"{escape(_short(bar.label))}</text>"
        )
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" fill="{bar.colour}"/>'
        )
        if bar.part:
            part_length = scale_width * bar.part / largest
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{part_length:.1f}" height="{BAR_HEIGHT}" '
                f'fill="{PART_COLOUR}"/>'
            )
        parts.append(f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + BAR_HEIGHT - 4}" class="value">')
        parts.append(f"{escape(bar.note)}</text></g>")
    if not bars:
        parts.append(f'<text x="{LABEL_WIDTH}" y="{top + 16}" class="value">—</text>')
    parts.append("</svg>")
    return "".join(parts)
