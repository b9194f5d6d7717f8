"""Map of QPV coverage as inline SVG: metropolitan France and overseas insets, one dot per QPV centroid."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from convention_validator.indicators.charts import text_width
from convention_validator.indicators.coverage import OVERSEAS, QpvCoverage
from convention_validator.qpv_contours import qpv_contours

MARGIN = 10.0
METRO_BOX = (MARGIN, MARGIN, 610.0, 620.0)  # x, y, width, height
METRO_EXTENT = (-5.3, 41.2, 9.7, 51.2)  # west, south, east, north
INSET_COLUMNS = 2
INSET_TITLE_SIZE = 12  # svg .inset-title in the template, bold
BOLD = 1.12  # bold text is wider than the regular estimate
INSET_HEIGHT, INSET_GAP, INSET_PADDING = 145.0, 8.0, 6.0
INSET_LEFT = METRO_BOX[0] + METRO_BOX[2] + 20
# The insets are as wide as their longest name (« Polynésie française »), and the map as wide and as
# high as the metropolitan panel and the inset grid, so that nothing is drawn outside the viewBox.
INSET_WIDTH = max(
    140.0, round(max(text_width(name, INSET_TITLE_SIZE) * BOLD for name in OVERSEAS.values()) + 2 * INSET_PADDING)
)
INSET_ROWS = -(-len(OVERSEAS) // INSET_COLUMNS)
WIDTH = round(INSET_LEFT + INSET_COLUMNS * INSET_WIDTH + (INSET_COLUMNS - 1) * INSET_GAP + MARGIN)
HEIGHT = round(
    max(METRO_BOX[1] + METRO_BOX[3], MARGIN + INSET_ROWS * INSET_HEIGHT + (INSET_ROWS - 1) * INSET_GAP) + MARGIN
)
COVERED_COLOUR = "#08519c"
UNCOVERED_COLOUR = "#d0d0d0"
UNCOVERED_STROKE = "#8c8c8c"


@dataclass(frozen=True)
class Frame:
    """A projection from longitude/latitude to a box of the SVG (equirectangular, scaled at mid-latitude)."""

    west: float
    south: float
    east: float
    north: float
    x: float
    y: float
    width: float
    height: float

    @property
    def _scale(self) -> tuple[float, float, float]:
        stretch = math.cos(math.radians((self.south + self.north) / 2))
        scale = min(self.width / ((self.east - self.west) * stretch), self.height / (self.north - self.south))
        return scale, stretch, scale * (self.east - self.west) * stretch

    def project(self, longitude: float, latitude: float) -> tuple[float, float]:
        scale, stretch, used_width = self._scale
        used_height = scale * (self.north - self.south)
        left = self.x + (self.width - used_width) / 2
        top = self.y + (self.height - used_height) / 2
        return left + (longitude - self.west) * stretch * scale, top + (self.north - latitude) * scale


def _inset_frame(points: list[tuple[float, float]], x: float, y: float) -> Frame:
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    pad_x = max((east - west) * 0.12, 0.04)
    pad_y = max((north - south) * 0.12, 0.04)
    return Frame(
        west - pad_x,
        south - pad_y,
        east + pad_x,
        north + pad_y,
        x + INSET_PADDING,
        y + 24,
        INSET_WIDTH - 2 * INSET_PADDING,
        INSET_HEIGHT - 24 - INSET_PADDING,
    )


def _dots(rows: Iterable[tuple[QpvCoverage, float, float]], radius: float, labels: dict[str, str]) -> list[str]:
    dots = []
    for qpv, x, y in sorted(rows, key=lambda item: item[0].covered):
        state = labels["covered"] if qpv.covered else labels["uncovered"]
        fill = COVERED_COLOUR if qpv.covered else UNCOVERED_COLOUR
        stroke = "#ffffff" if qpv.covered else UNCOVERED_STROKE
        size = radius * 1.5 if qpv.covered else radius
        dots.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" fill="{fill}" stroke="{stroke}" stroke-width="0.6" '
            f'class="{"covered" if qpv.covered else "uncovered"}"><title>{escape(qpv.code)} {escape(qpv.name)} : '
            f"{escape(state)}</title></circle>"
        )
    return dots


def coverage_map(coverage: list[QpvCoverage], labels: dict[str, str]) -> str:
    """The SVG map; `labels` gives title, desc, covered, uncovered, metropole and legend texts."""
    contours = qpv_contours()
    centroids = {code: contour.centroid() for code, contour in contours.items()}
    placed = [(qpv, centroids[qpv.code]) for qpv in coverage if qpv.code in centroids]
    parts = [
        f'<svg class="map" id="carte-qpv" role="img" aria-labelledby="carte-qpv-t carte-qpv-d" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="carte-qpv-t">{escape(labels["title"])}</title>',
        f'<desc id="carte-qpv-d">{escape(labels["desc"])}</desc>',
        f'<rect x="{METRO_BOX[0]}" y="{METRO_BOX[1]}" width="{METRO_BOX[2]}" height="{METRO_BOX[3]}" class="panel"/>',
        f'<text x="{METRO_BOX[0] + 10}" y="{METRO_BOX[1] + 22}" class="panel-title">'
        f"{escape(labels['metropole'])}</text>",
    ]
    metro = Frame(*METRO_EXTENT, *METRO_BOX)
    metro_rows = [(qpv, *metro.project(*point)) for qpv, point in placed if qpv.territory == "metropole"]
    parts += _dots(metro_rows, 2.4, labels)
    for index, (code, name) in enumerate(OVERSEAS.items()):
        x = INSET_LEFT + (index % INSET_COLUMNS) * (INSET_WIDTH + INSET_GAP)
        y = MARGIN + (index // INSET_COLUMNS) * (INSET_HEIGHT + INSET_GAP)
        rows = [(qpv, point) for qpv, point in placed if qpv.territory == code]
        parts.append(f'<g class="inset" id="encart-{code}">')
        parts.append(f'<rect x="{x}" y="{y}" width="{INSET_WIDTH}" height="{INSET_HEIGHT}" class="panel"/>')
        parts.append(f'<text x="{x + INSET_PADDING}" y="{y + 16}" class="inset-title">{escape(name)}</text>')
        if rows:
            frame = _inset_frame([point for _, point in rows], x, y)
            parts += _dots([(qpv, *frame.project(*point)) for qpv, point in rows], 3.0, labels)
        parts.append("</g>")
    legend_x = METRO_BOX[0] + 14
    legend_y = METRO_BOX[1] + METRO_BOX[3] - 48
    for offset, (key, fill, stroke) in enumerate(
        (("legend_covered", COVERED_COLOUR, "#ffffff"), ("legend_uncovered", UNCOVERED_COLOUR, UNCOVERED_STROKE))
    ):
        cy = legend_y + offset * 24
        parts.append(f'<circle cx="{legend_x + 6}" cy="{cy}" r="5.5" fill="{fill}" stroke="{stroke}"/>')
        parts.append(f'<text x="{legend_x + 18}" y="{cy + 5}" class="legend">{escape(labels[key])}</text>')
    parts.append("</svg>")
    return "".join(parts)
