"""Proposed meeting times in a requester's text → concrete, timezone-aware intervals.

A small grammar of our own (measured against dateparser's ``search_dates`` in ``tests/test_times.py``; the
grammar won, see the module's test for the figures). It reads each sentence into *day* tokens (weekdays,
dates, "tomorrow", spans like "the week of March 3rd" or "after the 15th") and *time* tokens (clock times,
ranges, day parts such as "morning"), groups them ("Thursday or Friday morning" → both mornings), and resolves
them against the reference (the message's Date) in one time zone: the text's, else the hint (signature),
else the reference's own offset. Pure: no I/O, no clock — "now" is always ``reference``.

When something is ambiguous the answer is *nothing* rather than a guess: "3/4" (day or month first?),
"IST" (India, Israel or Ireland?), a time with no day, a date just behind the reference ("we met March 3").
Zone names → tzinfo is ``zones``' job; finding the first zone a text names is ``find_timezone`` here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from inboxbroker.domain import Interval
from inboxbroker.extract.zones import TZ_ABBREVIATIONS as TZ_ABBREVIATIONS  # re-exported: moved to zones
from inboxbroker.extract.zones import TZ_PLACES as TZ_PLACES
from inboxbroker.extract.zones import offset_label, resolve_zone

# Day-part windows, local [start, end) hours. The scheduler intersects them with an interviewer's working
# hours, so they describe what the requester said, not when anyone works.
DAY_PARTS: dict[str, tuple[int, int]] = {
    "early morning": (8, 10),
    "morning": (9, 12),
    "late morning": (10, 12),
    "lunch": (12, 13),
    "lunchtime": (12, 13),
    "midday": (12, 13),
    "early afternoon": (13, 15),
    "afternoon": (13, 17),
    "late afternoon": (15, 17),
    "end of day": (16, 17),
    "after work": (17, 19),
    "evening": (17, 19),
    "early evening": (17, 19),
}
WORKDAY = (9, 17)  # a day named with no time of day ("any time Tuesday")
POINT_MINUTES = 30  # "Monday at 3" names a start; the window is this long
AFTER_END_HOUR = 18  # "after 2pm" → 14:00–18:00 (or two hours when later than that)
SPAN_WEEKDAYS = 5  # "after the 15th" → the next working week's days
NEAR_DAYS = 60  # "Thursday 12/3" when both 12 March and 3 December are Thursdays: the one this near
PAST_MENTION_DAYS = 183  # a month-day this far behind the reference is a past event, not a proposal

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:[Mm]on(?:day)?|[Tt]ue(?:s(?:day)?)?|[Ww]ed(?:nesday)?|[Tt]hu(?:r(?:s(?:day)?)?)?|[Ff]ri(?:day)?|[Ss]at(?:urday)?|[Ss]un(?:day)?)s?\b\.?"
# A clock time; the look-arounds keep it out of phone numbers, ids and ordinals ("555-1234", "15th").
_CLOCK = (
    r"(?:noon|midday|(?<![\d+])\d{1,2}(?:[:.h]\d{2}|h\b)?(?!\d)(?!(?:st|nd|rd|th)\b)(?:\s*[ap]\.?m\.?\b)?)"
)

# Every token starts where a word starts (or after a digit): without the look-behind, "followed" held a
# Wednesday and "common" a Monday, and trying fifteen alternatives inside every word was most of the cost.
_GRAMMAR = rf"""
    (?<![^\W\d_])
    (?:
    (?P<weekofdate>(?:the\s+)?week\s+of\s+(?:the\s+)?)
  | (?P<relweek>(?:(?:early|later|end\s+of|the\s+end\s+of)\s*)?(?:next|this|the\s+following)\s+week\b
               |(?:the\s+)?end\s+of\s+(?:the|this)\s+week\b)
  | (?P<date>(?:(?P<wd1>{_WEEKDAY}),?\s+(?:the\s+)?)?
        (?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b
          |(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})
          |(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})
          |(?:the\s+)?(?P<d3>\d{{1,2}})(?:st|nd|rd|th)\b(?![\s-]*(?:year|floor|grade|place|round|time))
          |(?P<n1>\d{{1,2}})/(?P<n2>\d{{1,2}})\b(?!/))
        (?:,?\s+(?P<year>20\d\d))?)
  | (?P<weekday>(?:(?P<mod>next|this|coming|this\s+coming)\s+)?(?P<wd>{_WEEKDAY}))
  | (?P<relday>\b(?:today|tomorrow|the\s+day\s+after\s+tomorrow|this(?=\s+(?:morning|afternoon|evening)\b))\b)
  | (?P<range>(?:(?P<between>between|from)\s*)?(?P<t1>{_CLOCK})\s*(?:-|–|—|to|until|till|and)\s*(?P<t2>{_CLOCK}))
  | (?P<afterclock>\b(?P<ab>after|before)\s+(?P<t3>{_CLOCK}))
  | (?P<after>\b(?:after|from|starting|beginning|before|by)\s+(?=(?:the\s+)?\d|{_MONTH}))
  | (?P<at>\b(?:at|around|@)\s+(?P<t4>{_CLOCK}))
  | (?P<clock>\b(?P<t5>noon|\d{{1,2}}(?:[:.]\d{{2}})?\s*[ap]\.?m\.?\b|\d{{1,2}}:\d{{2}}))
  | (?P<part>\b(?:(?:early|late)\s+)?(?:mornings?|afternoons?|evenings?|lunch(?:time)?|midday
             |end\s+of\s+(?:the\s+)?day|after\s+work)\b)
  | (?P<tz>\b(?:ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|CET|CEST|BST|AEST|AEDT|JST|SGT|HKT)\b
        |\b(?:GMT|UTC)(?:\s*[+\-−]\s*\d{{1,2}}(?::?\d{{2}})?)?\b
        {{zone_words}}
        |\b[A-Z][a-z]+/[A-Z][A-Za-z_]+(?:/[A-Z][A-Za-z_]+)?\b)
  | (?P<except>\b(?:except|other\s+than|but\s+not)\b)
    )
    """
# "Pacific time", "CET timezone": the one alternative that must read two words at every word, about half the
# grammar's cost. Mail without "time" cannot match it, so there the grammar runs without it — same tokens.
_ZONE_WORDS = r"|(?i:\b[a-z]+(?:\s+[a-z]+)?\s+(?:time(?:\s+zone)?|timezone)\b)"
_TOKENS = re.compile(_GRAMMAR.replace("{zone_words}", _ZONE_WORDS), re.VERBOSE | re.IGNORECASE)
_TOKENS_NO_ZONE_WORDS = re.compile(_GRAMMAR.replace("{zone_words}", ""), re.VERBOSE | re.IGNORECASE)
_TIME = re.compile(
    r"\s(?:time|timezone)\b", re.IGNORECASE
)  # what the alternative needs, as the engine reads it


# What every token holds, where a token may start: a digit ("3pm", "12/3"), "/" (Europe/Berlin), "@", or one of
# these words' stems — each alternative of the grammar needs one (weekdays, months, "week", day parts, zone
# abbreviations, "time", "except"/"other"/"but"). Most clauses of a message hold none of them (87 % of a
# generated backlog's): this one pass of literals rules them out for about a third of the grammar's cost.
_MAY_HOLD_A_TOKEN = re.compile(
    r"[\d/@]|(?<![^\W\d_])(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun"
    r"|week|today|tomorrow|this|noon|midday|morning|afternoon|evening|lunch|end|after|except|other|but|time"
    r"|[ecmp][sd]?t|ces?t|bst|aedt|aest|jst|sgt|hkt|gmt|utc)"
)


def _tokens(text: str) -> list[re.Match[str]]:
    if not _MAY_HOLD_A_TOKEN.search(text):
        return []
    grammar = _TOKENS if _TIME.search(text) else _TOKENS_NO_ZONE_WORDS
    return list(grammar.finditer(text))


# A name in lower case is a weekday only when it cannot be a word: "sat", "sun", "wed" and "mon" are words
# ("I sat in on your talk"), and "SAT" is a test.
_WEEKDAY_CASE = re.compile(
    r"(?:[Mm]onday|[Tt]uesday|[Ww]ednesday|[Tt]hursday|[Ff]riday|[Ss]aturday|[Ss]unday"
    r"|Mon|[Tt]ues?|Wed|[Tt]hu(?:rs?)?|[Ff]ri|Sat|Sun)s?\.?"
)
# Clauses where the requester says when they *can't*; "if you're not too busy" must not trigger it.
_NEGATION = re.compile(
    r"\b(?:not available|unavailable|can(?:no|')t (?:do|make)|won't be (?:able|around|free)|"
    r"do(?:es)?(?: no|n')t work|out of (?:the )?office|I(?:'m| am|'ll be| will be) (?:away|busy|off|out)|"
    r"travell?ing|on (?:vacation|holiday|leave)|booked)\b",
    re.IGNORECASE,
)
_CLAUSE_SPLIT = re.compile(r"(?<=[.!?;])\s+|\n\s*\n|\n(?=\s*[-*•])|\bbut\b|\bhowever\b", re.IGNORECASE)
_NOISE_LINE = re.compile(r"^\s*(?:>|(?:sent|date|from|to|subject|cc)\s*:|on .{5,80} wrote:)", re.IGNORECASE)


def find_timezone(text: str) -> tuple[tzinfo, str] | None:
    """The first time zone the text names, or None.

    It lives beside the grammar, not in ``zones``: a zone must be a token of the whole grammar, so a second
    zone-only pattern would disagree with it.
    """
    return _first_zone(_tokens(text))


def _first_zone(tokens: Iterable[re.Match[str]]) -> tuple[tzinfo, str] | None:
    for m in tokens:
        if m.lastgroup == "tz" and (zone := resolve_zone(m.group("tz"))):
            return zone
    return None


@dataclass(frozen=True)
class TimesResult:
    """Proposed intervals (sorted, in the future) and the time zone they were read in (None: none known)."""

    intervals: tuple[Interval, ...]
    timezone: str | None


@dataclass
class _Unit:
    days: list[date]
    times: list[tuple[time, time, tzinfo | None]]
    trailing: bool = False


def _clock(text: str, *, bare_ok: bool) -> tuple[int, int, str | None] | None:
    """ "3:30pm" → (3, 30, "pm"); a bare "3" only when ``bare_ok`` (after "at", inside a range)."""
    t = text.strip().lower().replace(".", ":").replace("h", ":").rstrip(":")  # "14h", "14h30" (French style)
    if t in ("noon", "midday"):
        return 12, 0, "pm"
    m = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?\s*(?:([ap]):?m:?)?", t)
    if not m:
        return None
    hour, minute, mer = int(m.group(1)), int(m.group(2) or 0), m.group(3)
    if hour > 23 or minute > 59 or (mer and not 1 <= hour <= 12):
        return None
    if mer is None and m.group(2) is None and not bare_ok:
        return None
    return hour, minute, (mer + "m") if mer else None


def _to24(hour: int, minute: int, mer: str | None) -> time:
    if mer == "am":
        return time(0 if hour == 12 else hour, minute)
    if mer == "pm":
        return time(12 if hour == 12 else hour + 12, minute)
    if hour >= 13 or hour == 0:
        return time(hour, minute)
    # No am/pm: people proposing meetings mean working hours, so 1–7 is afternoon and 8–12 morning/noon.
    return time(hour + 12 if hour <= 7 else hour, minute)


def _range(a: str, b: str) -> tuple[time, time] | None:
    first, second = _clock(a, bare_ok=True), _clock(b, bare_ok=True)
    if first is None or second is None:
        return None
    end = _to24(*second)
    if first[2] is None and first[0] <= 12 and second[2] is not None:
        # "2-4pm", "10-11:30am", "11-1pm": the start shares the end's half of the day when that keeps it first.
        same = _to24(first[0], first[1], second[2])
        start = same if same < end else _to24(first[0], first[1], "am")
    else:
        start = _to24(*first)
    if end <= start and second[2] is None and end.hour < 12:
        end = time(end.hour + 12, end.minute)
    return (start, end) if start < end else None


def _plus(t: time, minutes: int) -> time:
    total = min(t.hour * 60 + t.minute + minutes, 23 * 60 + 59)
    return time(total // 60, total % 60)


def _date_from(m: re.Match[str], today: date) -> date | None:
    """A calendar date from a ``date`` token, or None when it is invalid, ambiguous, or a past mention."""
    g = m.groupdict()
    year = int(g["year"]) if g["year"] else None
    try:
        if g["iso"]:
            return date.fromisoformat(g["iso"])
        if g["m1"] or g["m2"]:
            month = MONTHS.index((g["m1"] or g["m2"])[:3].lower()) + 1
            day = int(g["d1"] or g["d2"])
            return _month_day(year, month, day, today)
        if g["n1"]:
            a, b = int(g["n1"]), int(g["n2"])
            if a <= 12 and b <= 12 and g["wd1"]:
                # "Thursday 12/3": only one reading may fall on a Thursday; that one is meant.
                wd = _weekday_index(g["wd1"])
                fits = {d for d in (_month_day(year, a, b, today), _month_day(year, b, a, today)) if d}
                fits = {d for d in fits if d.weekday() == wd}
                near = {d for d in fits if (d - today).days <= NEAR_DAYS}
                # Both readings can fall on that weekday; a proposal is for the coming weeks, not months away.
                return fits.pop() if len(fits) == 1 else near.pop() if len(near) == 1 else None
            if (a <= 12) == (b <= 12):  # "3/4" could be either order; "13/14" is nonsense
                return None
            month, day = (a, b) if b > 12 else (b, a)
            return _month_day(year, month, day, today)
        day = int(g["d3"])
        candidate = date(today.year, today.month, day) if day <= 31 else None
        if candidate is None or candidate < today:
            nxt = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
            candidate = nxt.replace(day=day)
        return candidate
    except ValueError:
        return None


def _month_day(year: int | None, month: int, day: int, today: date) -> date | None:
    if year is not None:
        return date(year, month, day)
    candidate = date(today.year, month, day)
    if candidate >= today:
        return candidate
    if (today - candidate).days <= PAST_MENTION_DAYS:
        return None
    return date(today.year + 1, month, day)


def _weekday_index(word: str) -> int:
    return ("mo", "tu", "we", "th", "fr", "sa", "su").index(word.strip(".").lower()[:2])


def _joined(clause: str, last_end: int, start: int) -> bool:
    return last_end >= 0 and re.fullmatch(r"[\s,]*(?:or|and|,)?\s*", clause[last_end:start]) is not None


def _weekday(m: re.Match[str], today: date, inherited: str = "") -> date:
    wd = _weekday_index(m.group("wd"))
    mod = (m.group("mod") or inherited).lower()
    if mod == "next":
        # "next Tuesday" is Tuesday of next calendar week, whatever day the mail was written.
        monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
        return monday + timedelta(days=wd)
    ahead = (wd - today.weekday()) % 7
    return today + timedelta(days=ahead or 7)


def _weekdays(start: date, count: int) -> list[date]:
    days: list[date] = []
    d = start
    while len(days) < count:
        if d.weekday() < 5:
            days.append(d)
        d += timedelta(days=1)
    return days


def _relweek(text: str, today: date) -> list[date]:
    t = " ".join(text.lower().split())
    monday = today - timedelta(days=today.weekday())
    if "next" in t or "following" in t:
        monday += timedelta(days=7)
    week = [monday + timedelta(days=i) for i in range(5)]
    if t.startswith("early"):
        week = week[:2]
    elif "end of" in t or t.startswith("later"):
        week = week[3:]
    return [d for d in week if d > today]


def _clauses(text: str) -> list[str]:
    kept = [line for line in text.splitlines() if not _NOISE_LINE.match(line)]
    return [c for c in _CLAUSE_SPLIT.split("\n".join(kept)) if c and c.strip()]


def extract_times(text: str, reference: datetime, tz_hint: str | None = None) -> TimesResult:
    """Proposed times in ``text`` as future intervals, read in the text's zone, else ``tz_hint``, else the reference's."""
    if reference.tzinfo is None:
        reference = reference.replace(tzinfo=UTC)
    # Each clause is tokenised once, for the zone and for the times: the grammar is the costly part.
    clauses = [(clause, _tokens(clause)) for clause in _clauses(text)]
    zone = _first_zone(m for _, tokens in clauses for m in tokens) or resolve_zone(tz_hint)
    if zone is None:
        zone = (reference.tzinfo or UTC, offset_label(reference.utcoffset()))
    tz, label = zone
    today = reference.astimezone(tz).date()
    found: dict[tuple[datetime, datetime], Interval] = {}
    for clause, tokens in clauses:
        if _NEGATION.search(clause):
            continue  # "I'm away Monday": days in a negative clause are not proposals
        for interval in _clause_intervals(tokens, today, tz):
            end = interval.end
            if end <= reference:
                continue
            start = max(interval.start, _round_up(reference))
            if start < end:
                found.setdefault((start, end), Interval(start, end))
    intervals = tuple(sorted(found.values(), key=lambda i: (i.start, i.end)))
    return TimesResult(intervals, label)


def _round_up(moment: datetime) -> datetime:
    base = moment.replace(second=0, microsecond=0)
    extra = (-base.minute) % 30
    return base + timedelta(minutes=extra) if (extra or moment > base) else base


def _clause_intervals(tokens: Iterable[re.Match[str]], today: date, tz: tzinfo) -> list[Interval]:
    units: list[_Unit] = [_Unit([], [])]
    excluded: set[int] = set()
    pending: str | None = None  # "week of" / "after" waiting for its date
    excepting = False
    last_time: tuple[time, time, tzinfo | None] | None = None
    last_mod, last_end = "", -1  # "next Wednesday or Thursday": "next" carries over a list of weekdays
    for m in tokens:
        kind, unit = m.lastgroup, units[-1]
        days: list[date] = []
        if kind in ("weekofdate", "after"):
            pending = m.group(0).split()[0].lower() if kind == "after" else "week"
            continue
        if kind == "except":
            excepting = True
            continue
        if kind == "tz":
            zone = resolve_zone(m.group("tz"))
            if zone and last_time is not None and unit.times and unit.times[-1] is last_time:
                unit.times[-1] = (last_time[0], last_time[1], zone[0])
            continue
        if kind == "date":
            if m.group("wd1") and not _WEEKDAY_CASE.fullmatch(m.group("wd1").strip(", ")):
                continue
            d = _date_from(m, today)
            if d is None or (m.group("wd1") and _weekday_index(m.group("wd1")) != d.weekday()):
                pending = None
                continue  # a weekday that contradicts its date: which one did they mean?
            days = _span(pending, d, today)
            pending = None
        elif kind == "weekday":
            pending = None
            if not _WEEKDAY_CASE.fullmatch(m.group("wd").strip()):
                continue
            if excepting:
                excluded.add(_weekday_index(m.group("wd")))
                continue
            days = [_weekday(m, today, last_mod if _joined(m.string, last_end, m.start()) else "")]
            last_mod = (m.group("mod") or "").lower()
            last_end = m.end()
        elif kind == "relday":
            pending = None
            word = m.group(0).lower()
            days = [today + timedelta(days=2 if "after" in word else 1 if "tomorrow" in word else 0)]
        elif kind == "relweek":
            days = _relweek(m.group(0), today)
        else:
            pending = None
            window = _time_window(m)
            if window is None:
                continue
            last_time = (*window, None)
            if unit.days:
                unit.times.append(last_time)
                unit.trailing = True
            else:
                unit.times.append(last_time)
            continue
        if unit.trailing:
            units.append(_Unit([], []))
            unit = units[-1]
        unit.days.extend(days)
    out: list[Interval] = []
    for unit in units:
        windows = unit.times or [(time(WORKDAY[0]), time(WORKDAY[1]), None)]
        for d in unit.days:
            if d.weekday() in excluded:
                continue
            for start, end, own_zone in windows:
                z = own_zone or tz
                out.append(Interval(datetime.combine(d, start, z), datetime.combine(d, end, z)))
    return out


def _span(pending: str | None, d: date, today: date) -> list[date]:
    if pending == "week":
        monday = d - timedelta(days=d.weekday())
        return [monday + timedelta(days=i) for i in range(5)]
    if pending == "after":
        return _weekdays(d + timedelta(days=1), SPAN_WEEKDAYS)
    if pending in ("from", "starting", "beginning"):
        return _weekdays(d, SPAN_WEEKDAYS)
    if pending in ("before", "by"):
        return [x for x in _weekdays(today + timedelta(days=1), 30) if x < d]
    return [d]


def _time_window(m: re.Match[str]) -> tuple[time, time] | None:
    kind = m.lastgroup
    if kind == "range":
        if "and" in m.group(0).lower().split() and not m.group("between"):
            return None  # "10 and 12" outside "between" is a list of numbers, not a range
        return _range(m.group("t1"), m.group("t2"))
    if kind == "part":
        words = " ".join(m.group(0).lower().split()).rstrip("s")
        words = words.replace("end of the day", "end of day")
        first, last = DAY_PARTS.get(words, DAY_PARTS.get(words.split()[-1], (0, 0)))
        return (time(first), time(last)) if last else None
    if kind == "afterclock":
        c = _clock(m.group("t3"), bare_ok=True)
        if c is None:
            return None
        t = _to24(*c)
        if m.group("ab").lower() == "before":
            return (time(WORKDAY[0]), t) if t > time(WORKDAY[0]) else None
        return t, (time(AFTER_END_HOUR) if t.hour < AFTER_END_HOUR - 1 else _plus(t, 120))
    text = m.group("t4") if kind == "at" else m.group("t5")
    c = _clock(text, bare_ok=kind == "at")
    if c is None:
        return None
    start = _to24(*c)
    return start, _plus(start, POINT_MINUTES)
