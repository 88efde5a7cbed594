"""A briefing's ``published`` value as people read it: ``14 Nov 2025, 18:00 +13:00``."""

from __future__ import annotations

import re
from datetime import date

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""Month names, the same in every locale."""

_ISO = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d{1,6})?)?"
    r"(?P<zone>Z|[+-]\d{2}:\d{2})?)?"
)


def readable_date(value: str) -> str:
    """``2021-10-21`` as ``21 Oct 2021``; a date-time with its time and offset after it.

    Seconds show only when they are not zero, ``Z`` shows as ``UTC``; a value
    that is not an ISO 8601 date or date-time is returned as written.
    """
    match = _ISO.fullmatch(value.strip())
    if match is None:
        return value
    year, month, day = (int(match[name]) for name in ("year", "month", "day"))
    try:
        date(year, month, day)
    except ValueError:
        return value
    shown = f"{day} {MONTHS[month - 1]} {year}"
    if match["hour"] is None:
        return shown
    hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return value
    shown += f", {hour:02}:{minute:02}" + (f":{second:02}" if second else "")
    zone = match["zone"]
    if zone:
        shown += " UTC" if zone == "Z" else f" {zone}"
    return shown
