"""Address headers: the fast forms answer exactly what ``email.utils.getaddresses`` answers.

``headers._simple_addresses`` reads the common forms (one address, or an unquoted comma-separated list)
without getaddresses' character-by-character scan; anything else goes to getaddresses itself.
"""

from __future__ import annotations

import email
import email.utils
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from inboxbroker.mail.headers import _simple_addresses, address_list
from support.corpus import CORPUS, corpus_dir

ROOT = Path(__file__).resolve().parents[1]
_ADDRESS_HEADERS = {"from", "to", "cc", "reply-to", "sender", "bcc"}


def _agrees(value: str) -> bool:
    fast = _simple_addresses(value)
    return fast is None or fast == email.utils.getaddresses([value])


def test_fast_forms_agree_with_getaddresses_on_every_real_header() -> None:
    corpus_dir()
    values: list[str] = []
    for root in (CORPUS, ROOT / "tests" / "fixtures", ROOT / "models" / "training"):
        for path in sorted(root.rglob("*")):
            if not path.is_file() or path.suffix in (".tsv", ".md", ".pdf", ".docx", ".odt"):
                continue
            for key, value in email.message_from_bytes(path.read_bytes()).raw_items():
                if key.lower() in _ADDRESS_HEADERS and isinstance(value, str) and value.isascii():
                    values.append(" ".join(value.split()))
    assert len(values) > 20_000
    taken = [v for v in values if _simple_addresses(v) is not None]
    assert len(taken) > 0.9 * len(values)  # the fast forms are the common ones
    assert [v for v in taken if not _agrees(v)] == []


_NAME = st.sampled_from(["", "Ana", "Ana  Lima", "J. Doe", "Dr Ana\tLima", '"Doe, Jane"', '"Q \\" R"', "Zoë"])
_ADDR = st.sampled_from(
    ["a@example.org", "first.last+tag@sub.example.co.uk", "x@y", "bad", "o'hara@example.ie"]
)


@st.composite
def _address_list(draw: st.DrawFn) -> str:
    items = []
    for _ in range(draw(st.integers(1, 4))):
        name, addr = draw(_NAME), draw(_ADDR)
        form = draw(st.sampled_from(["bare", "angle", "named", "comment"]))
        items.append(
            {"bare": addr, "angle": f"<{addr}>", "named": f"{name} <{addr}>", "comment": f"{addr} ({name})"}[
                form
            ]
        )
    sep = draw(st.sampled_from([",", ", ", " ,  ", ",,"]))
    return sep.join(items) + draw(st.sampled_from(["", ",", " "]))


@settings(max_examples=500, deadline=None)
@given(_address_list())
def test_fast_forms_agree_with_getaddresses_on_generated_lists(value: str) -> None:
    assert _agrees(value)


def test_lists_and_names_as_coordinators_see_them() -> None:
    defects: list[str] = []
    got = address_list(
        "Ana  Lima <ANA@Example.org>, bob@example.net,\r\n\t<carol@example.com>", "to", defects
    )
    assert [(a.name, a.email) for a in got] == [
        ("Ana Lima", "ana@example.org"),
        ("", "bob@example.net"),
        ("", "carol@example.com"),
    ]
    assert defects == []
    assert [a.email for a in address_list('"Doe, Jane" <jane@example.org>, x@example.org', "cc", [])] == [
        "jane@example.org",
        "x@example.org",
    ]
