"""QPV 2024 contours (simplified WGS84 multipolygons), loaded once from the packaged file."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache

from convention_validator.standard import REFERENCE_DIR

CONTOURS_FILE = "qpv-2024-contours.json.gz"

Ring = list[tuple[float, float]]
Polygon = list[Ring]


@dataclass(frozen=True)
class QpvContour:
    """One QPV: code, label, communes and its multipolygon as (longitude, latitude) rings."""

    code: str
    label: str
    communes: tuple[str, ...]
    polygons: tuple[Polygon, ...]

    def wkt(self) -> str:
        """The multipolygon in WKT (CRS84 axis order: longitude latitude), as GeoSPARQL expects."""
        parts = []
        for polygon in self.polygons:
            rings = ", ".join("(" + ", ".join(f"{x} {y}" for x, y in ring) + ")" for ring in polygon)
            parts.append(f"({rings})")
        return f"MULTIPOLYGON ({', '.join(parts)})"

    def bbox(self) -> tuple[float, float, float, float]:
        """(west, south, east, north)."""
        xs = [x for polygon in self.polygons for ring in polygon for x, _ in ring]
        ys = [y for polygon in self.polygons for ring in polygon for _, y in ring]
        return min(xs), min(ys), max(xs), max(ys)

    def centroid(self) -> tuple[float, float]:
        """Area-weighted centroid of the outer rings (longitude, latitude)."""
        total_area = cx = cy = 0.0
        for polygon in self.polygons:
            ring = polygon[0]
            for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
                cross = x0 * y1 - x1 * y0
                total_area += cross
                cx += (x0 + x1) * cross
                cy += (y0 + y1) * cross
        if abs(total_area) < 1e-15:
            west, south, east, north = self.bbox()
            return (west + east) / 2, (south + north) / 2
        return cx / (3 * total_area), cy / (3 * total_area)


@cache
def qpv_contours() -> dict[str, QpvContour]:
    """Every QPV 2024 contour by code."""
    with gzip.open(REFERENCE_DIR / CONTOURS_FILE, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    return {
        item["code"]: QpvContour(
            code=item["code"],
            label=item["label"],
            communes=tuple(item.get("insee", ())),
            polygons=tuple([[(float(x), float(y)) for x, y in ring] for ring in polygon] for polygon in item["g"]),
        )
        for item in data["qpvs"]
    }
