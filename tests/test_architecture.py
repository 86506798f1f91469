"""The shape of the package: no import cycles, and each outside library behind its one adapter (DESIGN §2)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "inboxbroker"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module this file imports, at the top or inside a function (a lazy import still makes a cycle)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {
        name: {m for m in imports_of(path) if m in modules and m != name} for name, path in modules.items()
    }


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in edges:
        if node not in index:
            visit(node)
    return found


def test_the_package_has_no_import_cycles() -> None:
    assert cycles(graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


ADAPTERS = {
    "imapclient": {"inboxbroker.sources.imap"},
    "smtplib": {"inboxbroker.outbox.smtp"},
    "sqlalchemy": {"inboxbroker.store"},
    "alembic": {"inboxbroker.store"},
    "caldav": {"inboxbroker.sources.calendars"},
    "jinja2": {"inboxbroker.drafting.render"},
    "flask": {"inboxbroker.review.web"},
    "flask_wtf": {"inboxbroker.review.web"},
    "werkzeug": {"inboxbroker.review.web"},
    "waitress": {"inboxbroker.review.web.server"},
}


@pytest.mark.parametrize("library", sorted(ADAPTERS))
def test_each_outside_library_is_imported_by_its_adapter_only(library: str) -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        name = module_name(path)
        if any(name == owner or name.startswith(owner + ".") for owner in ADAPTERS[library]):
            continue
        if any(m == library or m.startswith(library + ".") for m in imports_of(path)):
            offenders.append(name)
    assert offenders == []


def test_the_pure_core_loads_no_adapter_library() -> None:
    core = [
        "inboxbroker.pipeline",
        "inboxbroker.mail.parse",
        "inboxbroker.mail.forwards",
        "inboxbroker.mail.guards",
        "inboxbroker.triage.classifier",
        "inboxbroker.extract.details",
        "inboxbroker.scheduling.slots",
        "inboxbroker.scheduling.matching",
        "inboxbroker.drafting.plan",
        "inboxbroker.drafting.choice",
    ]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in core)
        + "print(' '.join(sorted(m for m in ('imapclient', 'smtplib', 'sqlalchemy', 'flask', 'sklearn')"
        " if m in sys.modules)))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.split() == []


def test_no_module_is_named_like_the_standard_library_or_a_packaging_file() -> None:
    """A module named ``secrets`` or ``setup`` misleads a reader (and shadows the real one in a bare import)."""
    shadowing = set(sys.stdlib_module_names) | {"setup", "conftest"}
    misleading = [module_name(p) for p in PACKAGE.rglob("*.py") if p.stem in shadowing]
    assert misleading == []
