"""The reply templates: read and compiled once per run, rendered with mail content only ever as data.

A template is a pair in the templates folder: ``NAME.txt.j2`` (required) holds ``{% block subject %}`` and
``{% block body %}``; ``NAME.html.j2`` (optional) is the HTML part, autoescaped. Files starting with ``_``
are shared pieces (layouts, includes), not templates of their own. The environment is jinja2's immutable
sandbox with ``StrictUndefined``: a template cannot reach Python internals or change the data it is given,
and a misspelt variable is an error, not a blank. Values from mail go in the context, never into template
source, so ``{{ 7*7 }}`` in a subject stays those seven characters. The folder is read when a
``TemplateSet`` is made and never again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from inboxbroker.errors import TemplateError

__all__ = ["TEMPLATE_NAMES", "Rendered", "TemplateSet"]

# The templates the drafting stage chooses between; a folder without one of them cannot draft every case.
TEMPLATE_NAMES = (
    "propose_slots",
    "confirm_slot",
    "decline_capacity",
    "redirect_application",
    "ask_details",
    "note_to_forwarder",
    "cancel_meeting",
)
TEXT_SUFFIX, HTML_SUFFIX = ".txt.j2", ".html.j2"
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


@dataclass(frozen=True)
class Rendered:
    """One rendered template: a one-line subject, the plain-text body and the HTML body (None without one)."""

    subject: str
    text: str
    html: str | None


class _FolderLoader(jinja2.BaseLoader):
    """Serves sources read up front, under their real paths so error tracebacks name the file."""

    def __init__(self, sources: Mapping[str, tuple[str, str]]) -> None:
        self._sources = dict(sources)

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        if template not in self._sources:
            raise jinja2.TemplateNotFound(template)
        source, path = self._sources[template]
        return source, path, lambda: True

    def list_templates(self) -> list[str]:
        return sorted(self._sources)


def _template_line(tb: TracebackType | None, paths: Iterable[str]) -> tuple[str, int] | None:
    """The deepest traceback frame inside a template: jinja rewrites those to carry the file and line."""
    wanted = set(paths)
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename in wanted:
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


class TemplateSet:
    """Every template of one folder, compiled once; ``render(name, context)`` fills one in.

    Raises ``TemplateError`` when the folder lacks a template in ``required``, a file does not compile, or
    a ``.txt.j2`` file lacks its subject or body block or has text outside its blocks (it would never be sent).
    """

    def __init__(self, folder: str | Path, required: Iterable[str] = TEMPLATE_NAMES) -> None:
        self.folder = Path(folder)
        sources: dict[str, tuple[str, str]] = {}
        try:
            for path in sorted(self.folder.iterdir()):
                if path.name.endswith((TEXT_SUFFIX, HTML_SUFFIX)) and path.is_file():
                    sources[path.name] = (path.read_text("utf-8"), str(path))
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateError(str(self.folder), None, f"cannot read the templates: {exc}") from exc
        self._paths = {path for _, path in sources.values()}
        self.env = ImmutableSandboxedEnvironment(
            loader=_FolderLoader(sources),
            undefined=jinja2.StrictUndefined,
            autoescape=jinja2.select_autoescape(
                enabled_extensions=("html.j2",), default_for_string=False, default=False
            ),
            keep_trailing_newline=True,
            # A block tag on its own line leaves no blank line behind: text templates stay readable to edit.
            trim_blocks=True,
            lstrip_blocks=True,
            # Nothing is compiled after start-up; the cache only has to hold what we compile now.
            cache_size=-1,
            auto_reload=False,
        )
        self.names = tuple(
            sorted(
                n[: -len(TEXT_SUFFIX)] for n in sources if n.endswith(TEXT_SUFFIX) and not n.startswith("_")
            )
        )
        missing = [name for name in required if name not in self.names]
        if missing:
            raise TemplateError(
                str(self.folder), None, f"missing template(s): {', '.join(n + TEXT_SUFFIX for n in missing)}"
            )
        self._text: dict[str, jinja2.Template] = {}
        self._html: dict[str, jinja2.Template] = {}
        for name in self.names:
            self._text[name] = self._compile(name + TEXT_SUFFIX, sources, text=True)
            if name + HTML_SUFFIX in sources:
                self._html[name] = self._compile(name + HTML_SUFFIX, sources, text=False)
        # Shared pieces are compiled too, so a syntax error in a layout shows at start-up, not mid-run.
        for filename in sources:
            if filename.startswith("_"):
                self._compile(filename, sources, text=False)

    def _compile(
        self, filename: str, sources: Mapping[str, tuple[str, str]], *, text: bool
    ) -> jinja2.Template:
        source, path = sources[filename]
        try:
            if text:
                self._check_text_layout(self.env.parse(source, filename, path), path)
            return self.env.get_template(filename)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(exc.filename or path, exc.lineno, exc.message or "syntax error") from exc
        except jinja2.TemplateError as exc:
            raise TemplateError(path, None, str(exc)) from exc

    @staticmethod
    def _check_text_layout(tree: nodes.Template, path: str) -> None:
        blocks = set()
        for node in tree.body:
            if isinstance(node, nodes.Block):
                blocks.add(node.name)
            elif isinstance(node, nodes.Extends):
                return  # a child template: its parent decides what is outside the blocks
            elif isinstance(node, nodes.Output) and all(
                isinstance(child, nodes.TemplateData) and not child.data.strip() for child in node.nodes
            ):
                continue
            else:
                raise TemplateError(
                    path, node.lineno, "text outside {% block subject %} and {% block body %} is never sent"
                )
        for needed in ("subject", "body"):
            if needed not in blocks:
                raise TemplateError(path, None, f"no {{% block {needed} %}}")

    def render(self, name: str, context: Mapping[str, Any]) -> Rendered:
        """Fill in template ``name`` with ``context`` (plain data); raises ``TemplateError`` naming file and line."""
        if name not in self._text:
            raise TemplateError(str(self.folder / (name + TEXT_SUFFIX)), None, "no such template")
        text_template = self._text[name]
        try:
            subject = self._block(text_template, "subject", context)
            body = self._block(text_template, "body", context)
            html = self._html[name].render(context) if name in self._html else None
        except TemplateError:
            raise
        except Exception as exc:
            # A coordinator's edit can fail in many ways (undefined name, sandbox refusal, a filter on the
            # wrong type); each one must reach the request's state with where to look, not crash the run.
            where = _template_line(exc.__traceback__, self._paths)
            path, line = where if where else (text_template.filename or name, None)
            raise TemplateError(path, line, f"{type(exc).__name__}: {exc}") from exc
        return Rendered(subject=_LINE_BREAKS.sub(" ", subject).strip(), text=body.lstrip("\n"), html=html)

    @staticmethod
    def _block(template: jinja2.Template, block: str, context: Mapping[str, Any]) -> str:
        render_block = template.blocks[block]
        try:
            return "".join(render_block(template.new_context(dict(context))))
        except Exception:
            # Template.render does this for a whole template: the traceback is rewritten to template lines.
            template.environment.handle_exception()
