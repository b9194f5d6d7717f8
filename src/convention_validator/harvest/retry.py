"""When to ask again: 429 and 5xx answers, after Retry-After (seconds or HTTP date) or a back-off."""

from __future__ import annotations

import email.utils
import time
from datetime import UTC

RETRYABLE = frozenset({429, 500, 502, 503, 504})
BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0


def retry_after(value: str, now: float | None = None) -> float | None:
    """Seconds to wait according to a Retry-After header, None when absent or unreadable."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds: float = when.timestamp() - (time.time() if now is None else now)
    return max(0.0, seconds)


def backoff(attempt: int) -> float:
    """The wait before retry number `attempt` (0 for the first) without Retry-After: 0.5 s, 1 s, 2 s…"""
    return float(min(BACKOFF_CAP, BACKOFF_BASE * 2.0**attempt))
