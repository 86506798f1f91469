"""An independent check of iTIP objects against RFC 5545 (syntax) and RFC 5546 (what each METHOD must carry).

``check_itip(data)`` returns the rules an object breaks, as sentences; an empty list means it passes. It reads
the bytes itself (its own unfolding and content-line parser) instead of trusting icalendar, so it can judge
what ``invite.py`` builds with icalendar. It covers what a calendar client relies on: line ends and folding,
balanced components, the VCALENDAR properties, the per-method VEVENT properties (RFC 5546 §3.2), DTSTART
before DTEND, and a VTIMEZONE for every TZID.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["METHOD_RULES", "check_itip"]

MAX_OCTETS = 75


@dataclass(frozen=True)
class MethodRule:
    """RFC 5546 §3.2's table for one METHOD, VEVENT part: what must be there, and what at most once."""

    required: tuple[str, ...]
    attendees: str  # "one", "one or more"
    status: frozenset[str] | None = None  # allowed STATUS values when present


METHOD_RULES: dict[str, MethodRule] = {
    "REQUEST": MethodRule(
        ("DTSTAMP", "DTSTART", "ORGANIZER", "SUMMARY", "UID"),
        "one or more",
        frozenset({"CONFIRMED", "TENTATIVE"}),
    ),
    "CANCEL": MethodRule(
        ("DTSTAMP", "ORGANIZER", "SEQUENCE", "UID"), "one or more", frozenset({"CANCELLED"})
    ),
    "REPLY": MethodRule(("DTSTAMP", "ORGANIZER", "UID"), "one"),
}
# RFC 5545 §3.6.1: these may occur at most once in a VEVENT.
SINGLE_EVENT_PROPERTIES = (
    "CLASS", "CREATED", "DESCRIPTION", "DTSTART", "GEO", "LAST-MODIFIED", "LOCATION", "ORGANIZER", "PRIORITY",
    "DTSTAMP", "SEQUENCE", "STATUS", "SUMMARY", "TRANSP", "UID", "URL", "RECURRENCE-ID", "DTEND", "DURATION",
)  # fmt: skip

_NAME = re.compile(r"[A-Za-z0-9-]+")
_PARAM = re.compile(r';([A-Za-z0-9-]+)=((?:"[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*)'
                    r'(?:,(?:"[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*))*)')  # fmt: skip
_DATE_TIME = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?\Z")


@dataclass
class Property:
    name: str
    params: dict[str, str]
    value: str
    line: int


@dataclass
class Component:
    name: str
    line: int
    properties: list[Property] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def all(self, name: str) -> list[Property]:
        return [p for p in self.properties if p.name == name]

    def first(self, name: str) -> Property | None:
        found = self.all(name)
        return found[0] if found else None


def _physical_lines(data: bytes, problems: list[str]) -> list[bytes]:
    """Split on CRLF, reporting bare CR or LF, a missing final CRLF and lines over 75 octets."""
    if not data.endswith(b"\r\n"):
        problems.append("the object does not end with CRLF")
    lines: list[bytes] = []
    for piece in data.split(b"\r\n"):
        if b"\n" in piece or b"\r" in piece:
            problems.append(f"line {len(lines) + 1}: a bare LF or CR (every line must end in CRLF)")
        # Read on after a bare line end as a lenient client would, so the rest can still be judged.
        lines.extend(re.split(rb"\r|\n", piece))
    if lines and lines[-1] == b"":
        lines.pop()
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_OCTETS:
            problems.append(f"line {number}: {len(line)} octets, longer than {MAX_OCTETS} (fold it)")
    return lines


def _content_lines(lines: list[bytes], problems: list[str]) -> list[tuple[int, str]]:
    """Unfold (RFC 5545 §3.1): a line starting with a space or tab continues the one before it."""
    unfolded: list[tuple[int, bytearray]] = []
    for number, line in enumerate(lines, 1):
        if line[:1] in (b" ", b"\t"):
            if not unfolded:
                problems.append(f"line {number}: a continuation line with nothing to continue")
                continue
            unfolded[-1][1].extend(line[1:])
        elif line:
            unfolded.append((number, bytearray(line)))
    result = []
    for number, raw in unfolded:
        try:
            result.append((number, raw.decode("utf-8")))
        except UnicodeDecodeError:
            problems.append(f"line {number}: not UTF-8")
    return result


def _parse_property(number: int, text: str, problems: list[str]) -> Property | None:
    match = _NAME.match(text)
    if not match:
        problems.append(f"line {number}: no property name")
        return None
    pos, params = match.end(), {}
    while pos < len(text) and text[pos] == ";":
        param = _PARAM.match(text, pos)
        if not param or text[param.end() : param.end() + 1] not in (";", ":"):
            problems.append(f"line {number}: a malformed parameter in {match.group().upper()}")
            return None
        params[param.group(1).upper()] = param.group(2)
        pos = param.end()
    if pos >= len(text) or text[pos] != ":":
        problems.append(f"line {number}: {match.group().upper()} has no ':' before its value")
        return None
    return Property(match.group().upper(), params, text[pos + 1 :], number)


def _tree(lines: list[tuple[int, str]], problems: list[str]) -> list[Component]:
    roots: list[Component] = []
    stack: list[Component] = []
    for number, text in lines:
        prop = _parse_property(number, text, problems)
        if prop is None:
            continue
        if prop.name == "BEGIN":
            component = Component(prop.value.upper()[:40], number)
            (stack[-1].children if stack else roots).append(component)
            stack.append(component)
        elif prop.name == "END":
            if not stack or stack[-1].name != prop.value.upper():
                problems.append(f"line {number}: END:{prop.value[:40]} does not close the open component")
            else:
                stack.pop()
        elif stack:
            stack[-1].properties.append(prop)
        else:
            problems.append(f"line {number}: {prop.name} outside any component")
    for component in stack:
        problems.append(f"line {component.line}: BEGIN:{component.name} is never closed")
    return roots


def _instant(prop: Property, problems: list[str]) -> datetime | date | None:
    match = _DATE_TIME.match(prop.value.strip())
    if not match:
        problems.append(f"line {prop.line}: {prop.name} is not a DATE or DATE-TIME: {prop.value[:40]!r}")
        return None
    year, month, day, hour, minute, second, utc = match.groups()
    try:
        if hour is None:
            return date(int(year), int(month), int(day))
        zone: tzinfo | None = UTC if utc else None
        if zone is None and "TZID" in prop.params:
            try:
                zone = ZoneInfo(prop.params["TZID"].strip('"'))
            except (ZoneInfoNotFoundError, ValueError):
                zone = None  # a custom VTIMEZONE: compare wall-clock times within the same TZID
        moment = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second), tzinfo=zone)
    except ValueError:
        problems.append(f"line {prop.line}: {prop.name} is not a real date: {prop.value!r}")
        return None
    return moment


def _check_order(event: Component, problems: list[str]) -> None:
    start_prop, end_prop = event.first("DTSTART"), event.first("DTEND")
    if start_prop is None or end_prop is None:
        return
    if event.first("DURATION") is not None:
        problems.append(f"line {end_prop.line}: VEVENT has both DTEND and DURATION")
    start, end = _instant(start_prop, problems), _instant(end_prop, problems)
    if start is None or end is None:
        return
    if isinstance(start, datetime) != isinstance(end, datetime):
        problems.append(f"line {end_prop.line}: DTSTART and DTEND are not both DATE or both DATE-TIME")
        return
    if isinstance(start, datetime) and isinstance(end, datetime):
        if start.tzinfo is None or end.tzinfo is None:
            if start_prop.params.get("TZID") != end_prop.params.get("TZID"):
                return  # custom zones: their offsets would have to be computed from the VTIMEZONEs
            start, end = start.replace(tzinfo=None), end.replace(tzinfo=None)
        if not start < end:
            problems.append(f"line {end_prop.line}: DTEND is not after DTSTART")
    elif not start < end:
        problems.append(f"line {end_prop.line}: DTEND is not after DTSTART")


def _check_event(event: Component, method: str, problems: list[str]) -> None:
    rule = METHOD_RULES[method]
    counts = Counter(p.name for p in event.properties)
    for name in rule.required:
        if counts[name] == 0:
            problems.append(f"line {event.line}: VEVENT lacks {name}, required for METHOD:{method}")
    for name in SINGLE_EVENT_PROPERTIES:
        if counts[name] > 1:
            problems.append(f"line {event.line}: VEVENT has {counts[name]} {name} properties; at most one")
    attendees = counts["ATTENDEE"]
    if rule.attendees == "one" and attendees != 1:
        problems.append(f"line {event.line}: METHOD:{method} needs exactly one ATTENDEE, found {attendees}")
    if rule.attendees == "one or more" and attendees == 0:
        problems.append(f"line {event.line}: METHOD:{method} needs at least one ATTENDEE")
    for prop in event.all("ATTENDEE") + event.all("ORGANIZER"):
        if not prop.value.lower().startswith("mailto:") or "@" not in prop.value:
            problems.append(f"line {prop.line}: {prop.name} is not a mailto: address: {prop.value[:60]!r}")
    sequence = event.first("SEQUENCE")
    if sequence is not None and not sequence.value.strip().isdigit():
        problems.append(f"line {sequence.line}: SEQUENCE is not a non-negative integer: {sequence.value!r}")
    status = event.first("STATUS")
    if status is not None and rule.status is not None and status.value.upper() not in rule.status:
        allowed = " or ".join(sorted(rule.status))
        problems.append(f"line {status.line}: STATUS:{status.value} in METHOD:{method}; expected {allowed}")
    _check_order(event, problems)


def _check_timezones(calendar: Component, problems: list[str]) -> None:
    defined = set()
    for tz in (c for c in calendar.children if c.name == "VTIMEZONE"):
        tzid = tz.first("TZID")
        if tzid is None:
            problems.append(f"line {tz.line}: VTIMEZONE lacks TZID")
            continue
        defined.add(tzid.value)
        rules = [c for c in tz.children if c.name in ("STANDARD", "DAYLIGHT")]
        if not rules:
            problems.append(f"line {tz.line}: VTIMEZONE {tzid.value} has no STANDARD or DAYLIGHT")
        for sub in rules:
            for name in ("DTSTART", "TZOFFSETFROM", "TZOFFSETTO"):
                if sub.first(name) is None:
                    problems.append(f"line {sub.line}: {sub.name} of {tzid.value} lacks {name}")

    def walk(component: Component) -> None:
        for prop in component.properties:
            tzid = prop.params.get("TZID")
            if tzid is not None and tzid.strip('"') not in defined:
                problems.append(f"line {prop.line}: TZID={tzid} of {prop.name} has no VTIMEZONE")
        for child in component.children:
            if child.name != "VTIMEZONE":
                walk(child)

    walk(calendar)


def check_itip(data: bytes) -> list[str]:
    """The RFC 5545/5546 rules ``data`` breaks, one sentence each; [] when it is a valid iTIP object."""
    problems: list[str] = []
    roots = _tree(_content_lines(_physical_lines(data, problems), problems), problems)
    calendars = [c for c in roots if c.name == "VCALENDAR"]
    if len(roots) != 1 or len(calendars) != 1:
        problems.append(f"expected one VCALENDAR, found {[c.name for c in roots] or 'nothing'}")
        if not calendars:
            return problems
    calendar = calendars[0]
    counts = Counter(p.name for p in calendar.properties)
    version = calendar.first("VERSION")
    if version is None or version.value != "2.0":
        problems.append("VCALENDAR needs VERSION:2.0")
    for name in ("PRODID", "METHOD", "VERSION", "CALSCALE"):
        if counts[name] > 1:
            problems.append(f"VCALENDAR has {counts[name]} {name} properties; at most one")
    if counts["PRODID"] == 0:
        problems.append("VCALENDAR lacks PRODID")
    method_prop = calendar.first("METHOD")
    method = method_prop.value.upper() if method_prop is not None else ""
    if not method:
        problems.append("VCALENDAR lacks METHOD (an iTIP object must say what it asks)")
    elif method not in METHOD_RULES:
        problems.append(f"METHOD:{method} is not one this checker knows ({', '.join(METHOD_RULES)})")
    events = [c for c in calendar.children if c.name == "VEVENT"]
    if not events:
        problems.append("VCALENDAR has no VEVENT")
    if method in METHOD_RULES:
        for event in events:
            _check_event(event, method, problems)
    if len({p.value for e in events for p in e.all("UID")}) > 1:
        problems.append("the VEVENTs of one iTIP object must share one UID (RFC 5546 §1.4)")
    _check_timezones(calendar, problems)
    return problems
