"""National harvester: fetch conventions from their sources, validate them, keep them in a quad store.

Python API: `harvest(sources, store, HarvestOptions(...)) -> HarvestReport`.
"""

from __future__ import annotations

from convention_validator.harvest.harvester import HarvestOptions, harvest
from convention_validator.harvest.results import HarvestReport, SourceResult

__all__ = ["HarvestOptions", "HarvestReport", "SourceResult", "harvest"]
