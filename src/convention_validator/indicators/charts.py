"""Horizontal bar charts as inline, accessible SVG (no script, no external resource).

The SVG has no text layout, so the label column and the note column are sized from an estimate
of each text's width (a generous average advance of DejaVu Sans, the report's font): no label,
note or legend is clipped, whatever its length or language; a wide chart scales down in the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from convention_validator.i18n import labelled

BAR_AREA = 300
ROW_HEIGHT = 26
BAR_HEIGHT = 18
LEGEND_HEIGHT = 28
TEXT_SIZE = 13  # labels and notes (svg .label, svg .value in the template)
LEGEND_SIZE = 12  # svg .legend
CHAR_EM = 0.68  # average advance of a character, in em, rounded up (DejaVu Sans: digits 0.64, capitals up to 0.78)
GAP = 8
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


def text_width(text: str, size: float) -> float:
    """An upper estimate of the width of `text` at `size` pixels."""
    return len(text) * size * CHAR_EM


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def bar_chart(
    chart_id: str, title: str, description: str, bars: list[Bar], legend: list[tuple[str, str]], lang: str
) -> str:
    """An SVG bar chart with a <title> and <desc> for screen readers and a tooltip per bar."""
    top = LEGEND_HEIGHT if legend else 6
    height = top + max(len(bars), 1) * ROW_HEIGHT + 8
    label_width = GAP * 2 + max((text_width(_short(bar.label), TEXT_SIZE) for bar in bars), default=0)
    note_width = GAP * 2 + max((text_width(bar.note, TEXT_SIZE) for bar in bars), default=TEXT_SIZE)
    legend_width = sum(20 + text_width(text, LEGEND_SIZE) + 14 for _, text in legend)
    width = round(max(label_width + BAR_AREA + note_width, label_width + legend_width + GAP))
    largest = max((bar.value for bar in bars), default=0) or 1
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    x = label_width
    for colour, text in legend:
        parts.append(f'<rect x="{x:.1f}" y="6" width="14" height="14" fill="{colour}"/>')
        parts.append(f'<text x="{x + 20:.1f}" y="18" class="legend">{escape(text)}</text>')
        x += 20 + text_width(text, LEGEND_SIZE) + 14
    for index, bar in enumerate(bars):
        y = top + index * ROW_HEIGHT
        length = BAR_AREA * bar.value / largest
        parts.append(f'<g class="bar"><title>{escape(labelled(bar.label, lang))} {escape(bar.note)}</title>')
        parts.append(
            f'<text x="{label_width - GAP:.1f}" y="{y + BAR_HEIGHT - 4}" text-anchor="end" class="label">'
            f"{escape(_short(bar.label))}</text>"
        )
        parts.append(
            f'<rect x="{label_width:.1f}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" fill="{bar.colour}"/>'
        )
        if bar.part:
            part_length = BAR_AREA * bar.part / largest
            parts.append(
                f'<rect x="{label_width:.1f}" y="{y}" width="{part_length:.1f}" height="{BAR_HEIGHT}" '
                f'fill="{PART_COLOUR}"/>'
            )
        parts.append(f'<text x="{label_width + length + GAP:.1f}" y="{y + BAR_HEIGHT - 4}" class="value">')
        parts.append(f"{escape(bar.note)}</text></g>")
    if not bars:
        parts.append(f'<text x="{label_width:.1f}" y="{top + 16}" class="value">—</text>')
    parts.append("</svg>")
    return "".join(parts)
