"""Forward unwrapping measured on the shared real-world corpus (read in place, never copied).

crisp-email-forward-parser gives bodies with expected values; email-origin-chain, imio and discourse give
raw messages that go through ``parse_message`` first. Expected values for the last three are transcribed
from the corpus's EXPECTED.tsv / SOURCES.tsv notes (and, for imio, the attached messages' own headers).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from tests.support.corpus import corpus_dir

from inboxbroker.mail.forward_headers import (
    _may_hold_forward_block_reference,
    may_hold_forward_block,
    parse_addresses,
)
from inboxbroker.mail.forwards import parse_inline_forward, unwrap_forward
from inboxbroker.mail.parse import parse_message


def _emails(value: str) -> list[str]:
    return sorted(a.email for a in parse_addresses(value.replace('\\"', '"').replace("; ", ", ")))


def _unescape(value: str) -> str:
    return "" if value == "(none)" else value.replace("\\\\n", "\n").replace("\\n", "\n")


def test_crisp_bodies_flag_sender_and_subject() -> None:
    folder = corpus_dir("forwards", "crisp-email-forward-parser")
    with (folder / "EXPECTED.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    main = name = to = cc = note = to_rows = cc_rows = forwarded = 0
    misses: list[str] = []
    for row in rows:
        body = (folder / row["body_file"]).read_text(encoding="utf-8")
        subject = (
            (folder / row["subject_file"]).read_text(encoding="utf-8").strip()
            if row["subject_file"]
            else None
        )
        found = parse_inline_forward(body, subject)
        expected_forward = row["forwarded"] == "true"
        good = (found is not None) == expected_forward
        if expected_forward and found is not None:
            forwarded += 1
            expected_email = None if row["orig_from_address"] == "(null)" else row["orig_from_address"]
            good = good and found.sender_email == expected_email and found.subject == row["orig_subject"]
            expected_name = "" if row["orig_from_name"] == "(null)" else row["orig_from_name"]
            name += bool(found.sender and found.sender.name == expected_name)
            note += found.note == _unescape(row["message_before_forward"])
            if not row["orig_to"].startswith("("):
                to_rows += 1
                to += sorted(a.email for a in found.to) == _emails(row["orig_to"])
            if not row["orig_cc"].startswith("(not"):
                cc_rows += 1
                expected_cc = [] if row["orig_cc"] == "(none)" else _emails(row["orig_cc"])
                cc += sorted(a.email for a in found.cc) == expected_cc
        main += good
        if not good:
            misses.append(row["body_file"])
    print(
        f"\ncrisp: flag+sender+subject {main}/{len(rows)} ({main / len(rows):.1%}); "
        f"name {name}/{forwarded}; to {to}/{to_rows}; cc {cc}/{cc_rows}; note {note}/{forwarded}; "
        f"misses {misses}"
    )
    assert main / len(rows) >= 0.97
    # Floors at what we reach less a small margin; the remaining To/Cc misses are rows whose expected
    # value lists fewer addresses than the body shows.
    assert name / forwarded >= 0.97
    assert to / to_rows >= 0.95
    assert cc / cc_rows >= 0.96
    assert note / forwarded >= 0.97


# file suffix → (sender email, subject or None when upstream does not check it, depth or minimum depth)
ORIGIN_CHAIN = {
    "complex-forward-anonymized.eml": ("florian.m@anonymized.com", None, ">=2"),
    "extreme-forward-anonymized.eml": (None, None, "4"),
    "empty-body-forward-anonymized.eml": (None, None, "1"),
    "forward-attachment-small-anonymized.eml": (
        "yodjii@anonymized.com",
        "File With 1 attachement small Forwarded",
        "1",
    ),
    "forward-multi-attachment-anonymized.eml": (
        "yodjii@anonymized.com",
        "File With 1 attachement small Forwarded",
        ">=1",
    ),
    "simple-attachment-anonymized.eml": ("flo.m@anonymized.com", "File With 1 attachement 1MO", "0"),
}


@pytest.mark.parametrize("suffix", sorted(ORIGIN_CHAIN))
def test_email_origin_chain(suffix: str) -> None:
    folder = corpus_dir("forwards", "email-origin-chain")
    path = folder / f"email-origin-chain__tests_fixtures_{suffix}"
    sender, subject, depth = ORIGIN_CHAIN[suffix]
    unwrapped = unwrap_forward(parse_message(path.read_bytes()))
    if sender is not None:
        assert unwrapped.original.sender is not None
        assert unwrapped.original.sender.email == sender
    if subject is not None:
        assert unwrapped.original.subject == subject
    if depth.startswith(">="):
        assert unwrapped.depth >= int(depth[2:])
    else:
        assert unwrapped.depth == int(depth)
    assert unwrapped.is_forward == (unwrapped.depth > 0)


IMIO = {
    "01_email_with_inline_and_annexes.eml": (
        "stephan.perso@mail.be",
        "Test avec images intégrées et annexes",
        1,
    ),
    # the attached message carries an .eml of its own as an annex: that is not a second forward
    "02_email_with_inline_annex_eml.eml": ("stephan.mio@mail.be", "Email contenant inline, annexe et eml", 1),
    "03_email_with_false_inline.eml": ("agent1@commune.be", "Messages d'erreur site web commune", 1),
    "04_email_with_pdf_attachment.eml": ("john.doe@imlo.be", "Un fichier pdf d'exemple", 0),
    "05_email_with_unamed_attachments.eml": (
        "philippe.poiuy@province.eb",
        "RE: Les outils de lutte contre les logements inoccupés",
        0,
    ),
    "06_email_with_base64_rfc822_attachment.eml": ("j.doe@belle-ville.eb", "test2 ia.docs", 1),
}


@pytest.mark.parametrize("suffix", sorted(IMIO))
def test_imio_attached(suffix: str) -> None:
    folder = corpus_dir("forwards", "imio-rfc822-attached")
    path = folder / f"imio.email.parser__src_imio_email_parser_tests_files_{suffix}"
    sender, subject, depth = IMIO[suffix]
    unwrapped = unwrap_forward(parse_message(path.read_bytes()))
    assert unwrapped.original.sender is not None
    assert unwrapped.original.sender.email == sender
    assert unwrapped.original.subject == subject
    assert unwrapped.depth == depth
    assert unwrapped.kind == ("attached" if depth else "direct")


DISCOURSE = {
    "forwarded_email_1.eml": ("Some One", "some@one.com", "Discoursing much?"),
    "forwarded_email_2.eml": ("Some One", "some@one.com", "Discoursing much?"),
    "forwarded_email_3.eml": ("Un Français", "un@francais.fr", "Ça Discourse ?"),
    "forwarded_email_4.eml": ("Some One", "some@one.com", "Discoursing much?"),
}


@pytest.mark.parametrize("name", sorted(DISCOURSE))
def test_discourse_inline(name: str) -> None:
    path: Path = corpus_dir("forwards", "discourse") / name
    sender_name, sender_email, subject = DISCOURSE[name]
    unwrapped = unwrap_forward(parse_message(path.read_bytes()))
    assert unwrapped.is_forward and unwrapped.kind == "inline"
    assert unwrapped.original.sender is not None
    assert (unwrapped.original.sender.name, unwrapped.original.sender.email) == (sender_name, sender_email)
    assert unwrapped.original.subject == subject
    assert unwrapped.forwarder is not None and unwrapped.forwarder.email == "ba@bar.com"


def test_forward_precheck_agrees_with_its_specification_on_real_mail() -> None:
    """The factored one-pass precheck says what the two plain regexes it replaces say, on every body."""
    paths = [
        p
        for folder in ("spamassassin", "forwards")
        for p in sorted(corpus_dir(folder).rglob("*"))
        if p.is_file()
    ]
    disagree = []
    for path in paths:
        text = parse_message(path.read_bytes()).text
        if may_hold_forward_block(text) != _may_hold_forward_block_reference(text):
            disagree.append(path.name)
    assert len(paths) > 3000
    assert disagree == []
