"""The search box's little language, parsed by us and rendered for each engine: a user's query is never SQL.

Words (stemmed, accents folded), ``"exact phrases"``, ``prefix*``, ``AND`` (implied between terms), ``OR``,
``NOT`` or ``-word``, and parentheses. Anything else is refused with a sentence saying what to change,
because FTS5 and ``to_tsquery`` would otherwise answer a stray quote or a lone ``*`` with a syntax error.
The renderers quote every term, so no input reaches either engine's syntax unescaped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from inboxbroker.errors import UsageError

MAX_QUERY_CHARS = 300
MAX_TERMS = 16
MIN_PREFIX = 2  # FTS5's prefix index covers 2 and 3 letters; "a*" would scan the whole vocabulary
# unicode61 and the PostgreSQL parser both split on anything that is not a letter or digit.
_TOKEN = re.compile(r"[^\W_]+")
_OPERATORS = {"AND", "OR", "NOT"}


class QueryError(UsageError):
    """A search query we cannot run, with what to change."""


@dataclass(frozen=True)
class Term:
    tokens: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Not:
    node: Node


@dataclass(frozen=True)
class And:
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    nodes: tuple[Node, ...]


Node = Term | Not | And | Or


def fold(text: str) -> str:
    """Lower case without accents: what both indexes store ("Zürich" → "zurich")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def parse(query: str) -> Node:
    """The query's tree; raises ``QueryError`` with a reason a person can act on."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"the search is {len(query)} characters long; keep it under {MAX_QUERY_CHARS}")
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in query):
        raise QueryError("the search contains a control character (a NUL byte?); type it again")
    parser = _Parser(_lex(query))
    node = parser.expression()
    if parser.peek() is not None:
        raise QueryError(f"unexpected {parser.peek()!r}: a ')' without its '('?")
    if parser.terms > MAX_TERMS:
        raise QueryError(f"the search has {parser.terms} terms; use at most {MAX_TERMS}")
    _check_not(node)
    return node


def _lex(query: str) -> list[str | Term]:
    items: list[str | Term] = []
    dropped: list[str] = []  # punctuation between words ("C++ ; --"), skipped unless nothing else is left
    i = 0
    while i < len(query):
        char = query[i]
        if char.isspace():
            i += 1
        elif char in "()":
            items.append(char)
            i += 1
        elif char == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise QueryError('a phrase is missing its closing quote ("); add it, or remove the quote')
            prefix = query[end + 1 : end + 2] == "*"
            items.append(_term(query[i + 1 : end], prefix, query[i : end + 1 + prefix]))
            i = end + 1 + prefix
        else:
            match = re.compile(r'[^\s()"]+').match(query, i)
            assert match is not None
            word, i = match.group(), match.end()
            if not _TOKEN.search(word):
                dropped.append(word)
            elif word in _OPERATORS:
                items.append(word)
            elif word.startswith("-") and len(word) > 1:
                items += ["NOT", _term(word[1:].rstrip("*"), word.endswith("*"), word)]
            else:
                items.append(_term(word.rstrip("*"), word.endswith("*"), word))
    if dropped and not any(isinstance(item, Term) for item in items):
        raise QueryError(f"{dropped[0]!r} has no letters or digits to search for")
    return items


def _term(text: str, prefix: bool, shown: str) -> Term:
    tokens = tuple(fold(t) for t in _TOKEN.findall(text))
    if not tokens:
        raise QueryError(f"{shown!r} has no letters or digits to search for")
    if prefix and len(tokens[-1]) < MIN_PREFIX:
        raise QueryError(f"{shown!r}: give at least {MIN_PREFIX} letters before the *")
    return Term(tokens, prefix)


class _Parser:
    def __init__(self, items: list[str | Term]) -> None:
        self.items, self.at, self.terms = items, 0, 0

    def peek(self) -> str | Term | None:
        return self.items[self.at] if self.at < len(self.items) else None

    def take(self) -> str | Term | None:
        item = self.peek()
        self.at += 1
        return item

    def expression(self) -> Node:
        nodes = [self.conjunction()]
        while self.peek() == "OR":
            self.take()
            nodes.append(self.conjunction("OR"))
        return nodes[0] if len(nodes) == 1 else Or(tuple(nodes))

    def conjunction(self, after: str | None = None) -> Node:
        nodes = [self.unary(after)]
        while (item := self.peek()) is not None and item not in ("OR", ")"):
            if item == "AND":
                self.take()
                nodes.append(self.unary("AND"))
            else:
                nodes.append(self.unary(None))
        return nodes[0] if len(nodes) == 1 else And(tuple(nodes))

    def unary(self, after: str | None) -> Node:
        item = self.take()
        if item == "NOT":
            return Not(self.unary("NOT"))
        if item == "(":
            node = self.expression()
            if self.take() != ")":
                raise QueryError("a '(' is missing its ')'")
            return node
        if isinstance(item, Term):
            self.terms += 1
            return item
        if after is not None:
            raise QueryError(f"{after} needs a search term on each side (quote it to search for the word)")
        if item is None:
            raise QueryError("the search is empty: give at least one word")
        raise QueryError(f"{item!r} needs a search term before it (quote it to search for the word)")


def _check_not(node: Node, positive_needed: bool = True) -> None:
    """FTS5's NOT is binary: every excluded term needs something in its group to exclude it from."""
    if isinstance(node, Not):
        raise QueryError("NOT needs something to exclude from, e.g. `python NOT java`")
    if isinstance(node, And):
        positives = [n for n in node.nodes if not isinstance(n, Not)]
        if not positives:
            raise QueryError("NOT needs something to exclude from, e.g. `python NOT java`")
        for n in node.nodes:
            _check_not(n.node if isinstance(n, Not) else n)
    elif isinstance(node, Or):
        for n in node.nodes:
            _check_not(n)


def positive_terms(node: Node) -> list[Term]:
    """The terms a match may contain (not those under a NOT), in query order."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Not):
        return []
    return [term for child in node.nodes for term in positive_terms(child)]


def has_or(node: Node) -> bool:
    if isinstance(node, Term):
        return False
    if isinstance(node, Not):
        return has_or(node.node)
    return isinstance(node, Or) or any(has_or(child) for child in node.nodes)


def to_fts5(node: Node) -> str:
    """An FTS5 MATCH expression: every term double-quoted, every group parenthesised."""
    if isinstance(node, Term):
        return '"' + " ".join(node.tokens) + '"' + ("*" if node.prefix else "")
    if isinstance(node, Or):
        return "(" + " OR ".join(to_fts5(n) for n in node.nodes) + ")"
    if isinstance(node, And):
        positives = [to_fts5(n) for n in node.nodes if not isinstance(n, Not)]
        negatives = [to_fts5(n.node) for n in node.nodes if isinstance(n, Not)]
        text = "(" + " AND ".join(positives) + ")"
        return f"({text} NOT ({' OR '.join(negatives)}))" if negatives else text
    raise AssertionError(node)  # a bare Not is refused by parse()


def to_tsquery(node: Node) -> str:
    """A ``to_tsquery`` text: lexemes of letters and digits only, single-quoted, phrases with ``<->``."""
    if isinstance(node, Term):
        quoted = [f"'{t}'" for t in node.tokens]
        if node.prefix:
            quoted[-1] += ":*"
        return quoted[0] if len(quoted) == 1 else "(" + " <-> ".join(quoted) + ")"
    if isinstance(node, Not):
        return "!" + to_tsquery(node.node)
    joiner = " | " if isinstance(node, Or) else " & "
    return "(" + joiner.join(to_tsquery(n) for n in node.nodes) + ")"
