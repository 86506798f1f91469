"""The one generic settings walker: validate a TOML table against frozen dataclasses, list and mask them.

Settings are declared once, in ``config.py``, as dataclass fields whose ``metadata`` (built by ``meta``)
carries the help text and any extra rule. This module knows nothing about IMAP or interviewers: it reads
field types (``str``, ``int``, ``float``, ``bool``, ``Path``, ``Literal[...]``, ``X | None``,
``tuple[X, ...]`` and nested dataclasses) and turns every problem into
``ConfigError(dotted.key.path, problem)``.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

from inboxbroker.errors import ConfigError

T = TypeVar("T")

MASK = "***"


class _Required:
    """The ``default`` that ``settings_reference`` reports for a key that has none."""

    def __repr__(self) -> str:
        return "(required)"

    __str__ = __repr__


REQUIRED: Any = _Required()
_UNSET: Any = object()


@dataclass(frozen=True)
class LoadContext:
    """What value checks may need beyond the value: where relative paths start, and the environment."""

    base_dir: Path
    env: Mapping[str, str]

    def path(self, text: str) -> Path:
        """``text`` made absolute: ``~`` is the given env's HOME; relative means the config's folder."""
        if text == "~" or text.startswith("~/"):
            text = (self.env.get("HOME") or str(Path.home())) + text[1:]
        path = Path(text).expanduser()
        return path if path.is_absolute() else self.base_dir / path


Check = Callable[[Any, LoadContext], Any]


def meta(
    help: str,
    *,
    key: str | None = None,
    check: Check | None = None,
    secret: bool = False,
    hide_value: bool = False,
    mask: Callable[[Any], Any] | None = None,
    shown: Any = _UNSET,
    example: str | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
    one_or_many: bool = False,
    internal: bool = False,
    former_key: str | None = None,
) -> dict[str, Any]:
    """Field metadata for one setting.

    ``key``: the TOML name when it differs from the attribute (``from_`` → ``from``). ``check(value, ctx)``
    returns the normalised value or raises ``ValueError(problem)``. ``secret``: masked by ``masked()`` and
    never echoed in an error; ``hide_value`` only keeps it out of errors (a password pasted into
    ``password_env``). ``shown``: the default to document when the real one is derived. ``one_or_many``:
    a table or an array of tables. ``internal``: not a TOML key at all. ``former_key``: the name a released
    version used, still read so an upgrade does not break a working config.
    """
    return {
        "help": help,
        "key": key,
        "check": check,
        "secret": secret,
        "hide_value": hide_value or secret,
        "mask": mask,
        "shown": shown,
        "example": example,
        "minimum": minimum,
        "maximum": maximum,
        "one_or_many": one_or_many,
        "internal": internal,
        "former_key": former_key,
    }


def join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def toml_key(f: dataclasses.Field[Any]) -> str:
    return f.metadata.get("key") or f.name


def show(value: object, *, hide: bool = False) -> str:
    """A value as the user typed it (TOML-ish), short; with ``hide`` only its kind, so secrets never leak."""
    if isinstance(value, bool):
        return "a boolean" if hide else ("true" if value else "false")
    if isinstance(value, str):
        if hide:
            return "a string"
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= 80 else text[:76] + '…"'
    if isinstance(value, int | float):
        return "a number" if hide else repr(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        if hide:
            return "a list"
        text = json.dumps(value, ensure_ascii=False, default=str)
        return text if len(text) <= 80 else "a list"
    if isinstance(value, datetime | date | time):
        return "a date or time" if hide else f"{value.isoformat()} (a date or time)"
    return type(value).__name__


def unknown_key_problem(name: str, known: list[str]) -> str:
    # Case-insensitive, and strict enough (0.7) that an unrelated word gets the list instead of a wrong guess.
    close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.7)
    if close:
        return f'unknown key; did you mean "{close[0]}"?'
    return f"unknown key; expected one of {', '.join(known)}"


def _optional_inner(tp: Any) -> Any:
    if get_origin(tp) in (Union, types.UnionType):
        inner = [a for a in get_args(tp) if a is not type(None)]
        if len(inner) == 1:
            return inner[0]
    return tp


def _public_fields(cls: type) -> dict[str, dataclasses.Field[Any]]:
    return {toml_key(f): f for f in dataclasses.fields(cls) if not f.metadata.get("internal")}


def load_table(cls: type[T], raw: object, key: str, ctx: LoadContext) -> T:
    """Build ``cls`` from one TOML table: reject unknown keys, convert and check fields, fill defaults.

    After the fields, ``cls._finish(values, raw, key, ctx)`` (when defined) applies rules that span fields and
    derived defaults; it may change ``values`` in place.
    """
    if not isinstance(raw, dict):
        where = f"a table [{key}]" if key else "a table"
        raise ConfigError(key, f"expected {where}, got {show(raw)}")
    fields = _public_fields(cls)
    renamed = {f.metadata["former_key"]: name for name, f in fields.items() if f.metadata.get("former_key")}
    for name in raw:
        if name not in fields and name not in renamed:
            raise ConfigError(join(key, name), unknown_key_problem(name, list(fields)))
    if renamed:
        raw = dict(raw)
        for former, name in renamed.items():
            if former in raw:
                if name in raw:
                    raise ConfigError(join(key, former), f"is the old name of {name}; keep only {name}")
                raw[name] = raw.pop(former)
    hints = get_type_hints(cls)
    values: dict[str, Any] = {}
    for name, f in fields.items():
        sub = join(key, name)
        tp = hints[f.name]
        if name in raw:
            values[f.name] = convert(tp, raw[name], sub, f.metadata, ctx)
        elif dataclasses.is_dataclass(_optional_inner(tp)) and tp is _optional_inner(tp):
            # An absent section still goes through its own rules (derived defaults, relative paths).
            values[f.name] = load_table(tp, {}, sub, ctx)
        elif f.default is not dataclasses.MISSING:
            values[f.name] = ctx.path(str(f.default)) if isinstance(f.default, Path) else f.default
        elif f.default_factory is not dataclasses.MISSING:
            values[f.name] = f.default_factory()
        else:
            example = f.metadata.get("example")
            fix = f"add {name} = {example}" if example else f"add {name} = …"
            raise ConfigError(sub, f"missing; {fix}" + (f" under [{key}]" if key else ""))
    finish = getattr(cls, "_finish", None)
    if finish is not None:
        finish(values, raw, key, ctx)
    return cls(**values)


def convert(tp: Any, raw: object, key: str, md: Mapping[str, Any], ctx: LoadContext) -> Any:
    """One TOML value to the field's type, then the field's own check."""
    tp = _optional_inner(tp)
    if get_origin(tp) is tuple:
        item_tp: Any = get_args(tp)[0]
        if dataclasses.is_dataclass(item_tp):
            value: Any = _load_tables(item_tp, raw, key, md, ctx)
        else:
            if not isinstance(raw, list):
                like = f" like {md['example']}" if md.get("example") else ""
                raise ConfigError(key, f"expected a list{like}, got {show(raw, hide=md['hide_value'])}")
            value = tuple(_scalar(item_tp, item, f"{key}[{i}]", md, ctx) for i, item in enumerate(raw))
    elif dataclasses.is_dataclass(tp):
        value = load_table(tp, raw, key, ctx)  # type: ignore[arg-type]
    else:
        value = _scalar(tp, raw, key, md, ctx)
    check = md.get("check")
    if check is not None:
        try:
            value = check(value, ctx)
        except ValueError as exc:
            raise ConfigError(key, str(exc)) from None
    return value


def _load_tables(cls: Any, raw: object, key: str, md: Mapping[str, Any], ctx: LoadContext) -> tuple[Any, ...]:
    if md.get("one_or_many") and isinstance(raw, dict):
        return (load_table(cls, raw, key, ctx),)
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        either = f"a table [{key}] or " if md.get("one_or_many") else ""
        raise ConfigError(key, f"expected {either}an array of tables [[{key}]], got {show(raw)}")
    return tuple(load_table(cls, item, f"{key}[{i}]", ctx) for i, item in enumerate(raw))


def _scalar(tp: Any, raw: object, key: str, md: Mapping[str, Any], ctx: LoadContext) -> Any:
    hide = md["hide_value"]
    got = show(raw, hide=hide)
    if get_origin(tp) is Literal:
        choices = [str(c) for c in get_args(tp)]
        if isinstance(raw, str) and raw.lower() in choices:
            return raw.lower()
        raise ConfigError(key, f"expected one of {', '.join(choices)}, got {got}")
    if tp is bool:
        if not isinstance(raw, bool):
            raise ConfigError(key, f"expected true or false, got {got}")
        return raw
    if tp is int or tp is float:
        number_ok = isinstance(raw, int) or (tp is float and isinstance(raw, float))
        if isinstance(raw, bool) or not number_ok:
            kind = "an integer" if tp is int else "a number"
            quoted = isinstance(raw, str) and _looks_numeric(raw) and not hide
            raise ConfigError(key, f"expected {kind}, got {got}" + (" (drop the quotes)" if quoted else ""))
        value: Any = float(raw) if tp is float else raw  # type: ignore[arg-type]
        _check_range(value, key, md, tp)
        return value
    if tp is str or tp is Path:
        if not isinstance(raw, str):
            raise ConfigError(key, f"expected {'a path' if tp is Path else 'a string'} in quotes, got {got}")
        if not raw.strip():
            raise ConfigError(key, "is empty; give a value or remove the line")
        return ctx.path(raw) if tp is Path else raw
    raise TypeError(
        f"config_schema cannot read a {tp!r} setting ({key})"
    )  # a declaration bug, not user input


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _check_range(value: float, key: str, md: Mapping[str, Any], tp: type) -> None:
    low, high = md.get("minimum"), md.get("maximum")
    if (low is None or value >= low) and (high is None or value <= high):
        return
    kind = "an integer" if tp is int else "a number"

    def fmt(bound: float) -> str:
        return str(int(bound)) if float(bound).is_integer() else str(bound)

    if low is not None and high is not None:
        wanted = f"{kind} from {fmt(low)} to {fmt(high)}"
    elif low is not None:
        wanted = f"{kind} of at least {fmt(low)}"
    else:
        wanted = f"{kind} of at most {fmt(high)}"  # type: ignore[arg-type]
    raise ConfigError(key, f"expected {wanted}, got {show(value, hide=md['hide_value'])}")


def reference(cls: type, prefix: str = "") -> list[tuple[str, str, object]]:
    """(key path, help, default) for every setting under ``cls``; arrays of tables share one path."""
    hints = get_type_hints(cls)
    rows: list[tuple[str, str, object]] = []
    for name, f in _public_fields(cls).items():
        path = join(prefix, name)
        tp = _optional_inner(hints[f.name])
        if get_origin(tp) is tuple and dataclasses.is_dataclass(get_args(tp)[0]):
            tp = get_args(tp)[0]
        if dataclasses.is_dataclass(tp):
            rows.extend(reference(tp, path))  # type: ignore[arg-type]
            continue
        rows.append((path, f.metadata["help"], _shown_default(f)))
    return rows


def _shown_default(f: dataclasses.Field[Any]) -> object:
    if f.metadata.get("shown", _UNSET) is not _UNSET:
        return f.metadata["shown"]
    if f.default is not dataclasses.MISSING:
        return str(f.default) if isinstance(f.default, Path) else f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return REQUIRED


def plain(value: object) -> Any:
    """Settings as plain JSON-ready values with TOML key names; secrets become ``***``."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for name, f in _public_fields(type(value)).items():
            item = getattr(value, f.name)
            if f.metadata.get("secret") and item is not None:
                out[name] = MASK
            elif f.metadata.get("mask") is not None and item is not None:
                out[name] = f.metadata["mask"](item)
            else:
                out[name] = plain(item)
        return out
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    if isinstance(value, Path):
        return str(value)
    return value
