"""Time-zone names as people write them ("ET", "London time", "Europe/Paris", "GMT+1") → tzinfo and label.

The tables and resolver that ``times`` reads proposed times in. Finding the first zone a text names is
``times.find_timezone``: it tokenises with that module's grammar, so a word another token owns ("morning" in
"Thursday morning Pacific time") is never read as part of a zone name.
"""

from __future__ import annotations

import re
from datetime import timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Abbreviations resolve to a place, not a fixed offset: people write "EST" in July and mean New York time.
TZ_ABBREVIATIONS: dict[str, str] = {
    **dict.fromkeys(("ET", "EST", "EDT"), "America/New_York"),
    **dict.fromkeys(("CT", "CST", "CDT"), "America/Chicago"),
    **dict.fromkeys(("MT", "MST", "MDT"), "America/Denver"),
    **dict.fromkeys(("PT", "PST", "PDT"), "America/Los_Angeles"),
    **dict.fromkeys(("CET", "CEST"), "Europe/Berlin"),
    **dict.fromkeys(("BST",), "Europe/London"),
    **dict.fromkeys(("AEST", "AEDT"), "Australia/Sydney"),
    **dict.fromkeys(("GMT", "UTC", "Z"), "UTC"),
    "JST": "Asia/Tokyo",
    "SGT": "Asia/Singapore",
    "HKT": "Asia/Hong_Kong",
}  # "IST" is left out on purpose: India, Israel and Ireland all use it.
TZ_PLACES: dict[str, str] = {
    "eastern": "America/New_York",
    "central": "America/Chicago",
    "mountain": "America/Denver",
    "pacific": "America/Los_Angeles",
    "london": "Europe/London",
    "uk": "Europe/London",
    "dublin": "Europe/Dublin",
    "paris": "Europe/Paris",
    "berlin": "Europe/Berlin",
    "amsterdam": "Europe/Amsterdam",
    "madrid": "Europe/Madrid",
    "new york": "America/New_York",
    "toronto": "America/Toronto",
    "chicago": "America/Chicago",
    "denver": "America/Denver",
    "seattle": "America/Los_Angeles",
    "san francisco": "America/Los_Angeles",
    "singapore": "Asia/Singapore",
    "tokyo": "Asia/Tokyo",
    "sydney": "Australia/Sydney",
    "india": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata",
    "mumbai": "Asia/Kolkata",
}


def resolve_zone(name: str | None) -> tuple[tzinfo, str] | None:
    """A zone name as people write it ("ET", "London time", "Europe/Paris", "GMT+1", "+02:00") → (tzinfo, label)."""
    if not name:
        return None
    text = name.strip()
    if m := re.fullmatch(r"(?:GMT|UTC)?\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?", text, re.IGNORECASE):
        sign = -1 if m.group(1) in "-−" else 1
        offset = timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0)) * sign
        if abs(offset) > timedelta(hours=14):
            return None
        return timezone(offset), offset_label(offset)
    if text.upper() in TZ_ABBREVIATIONS and (text.isupper() or len(text) > 3):
        key = TZ_ABBREVIATIONS[text.upper()]
        return ZoneInfo(key), key
    place = re.sub(r"\s+(?:time(?:\s+zone)?|timezone)$", "", text.lower()).strip()
    if place in TZ_PLACES:
        return ZoneInfo(TZ_PLACES[place]), TZ_PLACES[place]
    if "/" in text:
        try:
            return ZoneInfo(text), text
        except (ZoneInfoNotFoundError, ValueError):
            return None
    return None


def offset_label(offset: timedelta | None) -> str:
    """A fixed offset as "+HH:MM": the label of a zone known only by its offset."""
    minutes = int((offset or timedelta()).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
