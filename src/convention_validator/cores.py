"""How many processor cores this process may run on."""

from __future__ import annotations

import os


def available_cores() -> int:
    """The cores this process may use (its CPU affinity on Linux), at least one."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
