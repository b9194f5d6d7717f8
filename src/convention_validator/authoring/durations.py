"""ISO 8601 durations (xsd:duration) compared as XML Schema does: a partial order.

Two durations are compared by adding each to the four reference instants of XML Schema 1.1
(part 2, appendix D: 1696-09-01, 1697-02-01, 1903-03-01, 1903-07-01); P1M and P30D, for
instance, compare differently from one instant to another and are therefore incomparable.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

_PATTERN = re.compile(
    r"^P(?:(?P<Y>[0-9]+)Y)?(?:(?P<M>[0-9]+)M)?(?:(?P<D>[0-9]+)D)?"
    r"(?:T(?:(?P<h>[0-9]+)H)?(?:(?P<m>[0-9]+)M)?(?:(?P<s>[0-9]+(?:\.[0-9]+)?)S)?)?$"
)
_REFERENCES = (datetime(1696, 9, 1), datetime(1697, 2, 1), datetime(1903, 3, 1), datetime(1903, 7, 1))


@dataclass(frozen=True)
class Duration:
    """A non-negative duration: whole months, and seconds (days and time)."""

    months: int
    seconds: Decimal

    def after(self, start: datetime) -> datetime:
        """The instant this duration after `start` (months first, as XML Schema adds them)."""
        month_index = start.month - 1 + self.months
        year, month = start.year + month_index // 12, month_index % 12 + 1
        day = min(start.day, calendar.monthrange(year, month)[1])
        return start.replace(year=year, month=month, day=day) + timedelta(seconds=float(self.seconds))


def parse_duration(text: str) -> Duration | None:
    """The duration written in `text`, or None if it is not an ISO 8601 duration."""
    match = _PATTERN.match(text.strip()) if isinstance(text, str) else None
    if match is None or text.strip() in ("P", "PT") or text.strip().endswith("T"):
        return None
    part = {k: Decimal(v) if v else Decimal(0) for k, v in match.groupdict().items()}
    months = int(part["Y"]) * 12 + int(part["M"])
    seconds = ((part["D"] * 24 + part["h"]) * 60 + part["m"]) * 60 + part["s"]
    return Duration(months, seconds)


def compare_durations(old: str, new: str) -> int | None:
    """-1, 0 or 1 when `new` is shorter, equal or longer than `old`; None if unreadable or incomparable.

    "Longer" is the order's non-strict side: P366D is longer than P1Y (never shorter, sometimes
    equal); only durations that are shorter at one reference instant and longer at another are
    incomparable.
    """
    first, second = parse_duration(old), parse_duration(new)
    if first is None or second is None:
        return None
    signs = set()
    for reference in _REFERENCES:
        a, b = first.after(reference), second.after(reference)
        signs.add((b > a) - (b < a))
    if signs == {0}:
        return 0
    if signs <= {0, 1}:
        return 1
    if signs <= {0, -1}:
        return -1
    return None
