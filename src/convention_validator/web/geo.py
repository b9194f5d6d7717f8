"""The QPV contours as GeoJSON, each with its counts of conventions and datasets."""

from __future__ import annotations

import gzip
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import cache

from convention_validator.qpv_contours import qpv_contours

DECIMALS = 5  # about one metre: more than the simplified contours carry


@cache
def qpv_geometries() -> dict[str, str]:
    """Each QPV's MultiPolygon as a JSON text, built once."""
    geometries = {}
    for code, contour in qpv_contours().items():
        coordinates = [
            [[[round(x, DECIMALS), round(y, DECIMALS)] for x, y in ring] for ring in polygon]
            for polygon in contour.polygons
        ]
        geometries[code] = json.dumps({"type": "MultiPolygon", "coordinates": coordinates}, separators=(",", ":"))
    return geometries


def qpv_geojson(counts: dict[str, tuple[int, int, int]]) -> str:
    """A FeatureCollection of every QPV with `conventions`, `datasets` and `openDatasets` (0 when absent)."""
    contours = qpv_contours()
    features = []
    for code, geometry in qpv_geometries().items():
        conventions, datasets, open_datasets = counts.get(code, (0, 0, 0))
        properties = {
            "code": code,
            "name": contours[code].label,
            "conventions": conventions,
            "datasets": datasets,
            "openDatasets": open_datasets,
        }
        features.append(
            f'{{"type":"Feature","id":"{code}","properties":{json.dumps(properties, ensure_ascii=False)},'
            f'"geometry":{geometry}}}'
        )
    return '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"


class LayerCache:
    """The last map layers asked for, gzip-compressed once (4 MB of GeoJSON compress in a second at level 9)."""

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self._layers: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def compressed(self, key: Hashable, build: Callable[[], str]) -> bytes:
        with self._lock:
            if key in self._layers:
                self._layers.move_to_end(key)
                return self._layers[key]
        data = gzip.compress(build().encode("utf-8"), compresslevel=6, mtime=0)
        with self._lock:
            self._layers[key] = data
            while len(self._layers) > self.size:
                self._layers.popitem(last=False)
        return data
