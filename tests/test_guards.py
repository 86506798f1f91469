"""Automated-mail guards: each rule fires on its fixture and names itself; a personal request passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from inboxbroker.domain import Decision, Label
from inboxbroker.mail.guards import RULES, check_automated, is_bounce, is_bulk
from inboxbroker.mail.parse import parse_message

FIXTURES = Path(__file__).parent / "fixtures" / "guards"
OWN = frozenset({"interviews@example.org"})


def check(name: str) -> Decision | None:
    msg = parse_message((FIXTURES / f"{name}.eml").read_bytes())
    return check_automated(msg, own_addresses=OWN)


@pytest.mark.parametrize(
    ("fixture", "rule"),
    [
        ("auto_submitted", "auto-submitted"),
        ("precedence_bulk", "precedence"),
        ("list_id", "mailing-list"),
        ("list_unsubscribe", "mailing-list"),
        ("delivery_report", "delivery-report"),
        ("mailer_daemon", "mailer-daemon"),
        ("x_autoreply", "autoreply-header"),
        ("auto_response_suppress", "autoreply-header"),
        ("ooo_english", "out-of-office"),
        ("ooo_german", "out-of-office"),
        ("ooo_french", "out-of-office"),
        ("ooo_spanish", "out-of-office"),
        ("ooo_swedish", "out-of-office"),
        ("noreply_sender", "noreply-sender"),
        ("own_address", "own-address"),
        ("loop_header", "loop"),
    ],
)
def test_rule_fires_and_names_itself(fixture: str, rule: str) -> None:
    decision = check(fixture)
    assert decision is not None, fixture
    assert decision.label is Label.AUTOMATED
    assert decision.probability == 1.0
    assert decision.source == "rule"
    [reason] = decision.reasons
    assert reason.startswith(rule + ": "), reason


@pytest.mark.parametrize("fixture", ["personal_request", "auto_submitted_no"])
def test_personal_request_passes(fixture: str) -> None:
    assert check(fixture) is None


def test_every_rule_has_a_fixture_and_a_description() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert all(rule.description for rule in RULES)


def test_custom_loop_header_and_no_own_addresses() -> None:
    msg = parse_message((FIXTURES / "own_address.eml").read_bytes())
    assert check_automated(msg) is None
    looped = parse_message((FIXTURES / "loop_header.eml").read_bytes())
    assert check_automated(looped, loop_header="X-Other-Loop") is None


def test_helpers() -> None:
    assert is_bulk(parse_message((FIXTURES / "list_id.eml").read_bytes()))
    assert is_bounce(parse_message((FIXTURES / "delivery_report.eml").read_bytes()))
    assert not is_bulk(parse_message((FIXTURES / "personal_request.eml").read_bytes()))


def test_mid_subject_mention_of_out_of_office_does_not_fire() -> None:
    raw = (
        (FIXTURES / "personal_request.eml")
        .read_bytes()
        .replace(
            b"Subject: Informational interview about product design?",
            b"Subject: Question about returning from out of office work",
        )
    )
    assert check_automated(parse_message(raw), own_addresses=OWN) is None
