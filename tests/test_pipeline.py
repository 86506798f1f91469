"""The pipeline's contract: pure stages, a trace, quarantine for bad mail, a stop for systemic faults."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from inboxbroker.domain import Decision, Label, RequestState
from inboxbroker.errors import ModelError
from inboxbroker.mail.threads import KnownThread, ThreadIndex
from inboxbroker.pipeline import Pipeline, PipelineOptions
from inboxbroker.store import schema
from inboxbroker.store.ledger import Store
from support.mailgen import request_message

NEWSLETTER = (
    b"From: Weekly Digest <digest@news.example.com>\r\nTo: interviews@example.org\r\n"
    b"Subject: This week in hiring\r\nDate: Mon, 02 Nov 2026 08:00:00 +0000\r\n"
    b"List-Id: <digest.news.example.com>\r\nPrecedence: bulk\r\n\r\nTen tips for your careers page.\r\n"
)


def reply_to(message_id: str, subject: str, sender: str = "ana.okafor0@example.net") -> bytes:
    return (
        f"From: Ana Okafor <{sender}>\r\nTo: interviews@example.org\r\nSubject: {subject}\r\n"
        f"Date: Tue, 03 Nov 2026 10:00:00 +0000\r\nMessage-ID: <reply-1@example.net>\r\n"
        f"In-Reply-To: {message_id}\r\n\r\nThursday at 2pm works for me, thank you!\r\n\r\n"
        f"On Mon, Nov 2, 2026 at 9:00 AM Interview Programme wrote:\r\n> Would Thursday suit you?\r\n"
    ).encode()


def test_direct_request_is_classified_and_extracted_with_a_trace() -> None:
    outcome = Pipeline().process(request_message(3))
    assert outcome.quarantine_reason is None
    assert outcome.label == Label.INTERVIEW_REQUEST
    assert outcome.request_state in (RequestState.NEW, RequestState.NEEDS_TRIAGE)
    assert outcome.extraction is not None
    assert outcome.extraction.requester.email == "dara.okafor3@example.net"
    assert outcome.extraction.requester.name == "Dara Okafor"
    assert outcome.extraction.duration_minutes == 20
    assert set(outcome.trace) >= {"size", "parse", "guards", "unwrap", "classify", "extract"}
    json.dumps(outcome.trace)  # the trace is stored as JSON: it must serialise


def test_automated_mail_is_decided_by_rule_without_loading_the_model() -> None:
    pipeline = Pipeline()
    outcome = pipeline.process(NEWSLETTER)
    assert outcome.label == Label.AUTOMATED
    assert outcome.decision is not None and outcome.decision.source == "rule"
    assert outcome.extraction is None
    assert pipeline._classifier is None  # cron runs over newsletters never pay for scikit-learn


def test_low_confidence_request_goes_to_triage() -> None:
    outcome = Pipeline(PipelineOptions(threshold=1.01)).process(request_message(4))
    assert outcome.label == Label.INTERVIEW_REQUEST
    assert outcome.request_state is RequestState.NEEDS_TRIAGE


class FixedClassifier:
    """Answers every message with one decision: the rule under test, not the model, is what is checked."""

    def __init__(self, label: Label, probability: float, request_probability: float) -> None:
        self.decision = Decision(
            label, probability, ("word:x +1.00",), "classifier", "test", request_probability
        )

    def classify(self, unwrapped: object) -> Decision:
        return self.decision


def classified(label: Label, probability: float, chance: float, floor: float = 0.3) -> Pipeline:
    pipeline = Pipeline(PipelineOptions(possible_request=floor))
    pipeline._classifier = FixedClassifier(label, probability, chance)  # type: ignore[assignment]
    return pipeline


def test_other_with_a_real_chance_of_being_a_request_waits_in_triage_never_drafted() -> None:
    outcome = classified(Label.OTHER, 0.55, 0.42).process(request_message(5))
    assert outcome.label == Label.INTERVIEW_REQUEST
    assert outcome.request_state is RequestState.NEEDS_TRIAGE  # a person looks; nothing is drafted
    assert outcome.decision is not None and outcome.decision.probability == pytest.approx(0.42)
    assert outcome.decision.reasons[0] == "possibly a request: other 0.55, interview_request 0.42"
    assert outcome.trace["classify"]["label"] == "other"  # what the model said stays on record
    assert outcome.trace["classify"]["possible_request"] == 0.42
    assert outcome.extraction is not None  # the coordinator sees who asked and when


@pytest.mark.parametrize(
    ("label", "chance", "floor"),
    [
        (Label.OTHER, 0.29, 0.3),  # below the floor: other it stays
        (Label.OTHER, 0.45, 0.0),  # the rule turned off
        (Label.JOB_APPLICATION, 0.45, 0.3),  # an application has its own route
        (Label.THREAD_REPLY, 0.45, 0.3),
    ],
)
def test_the_possible_request_rule_leaves_everything_else_alone(
    label: Label, chance: float, floor: float
) -> None:
    outcome = classified(label, 0.5, chance, floor).process(request_message(6))
    assert outcome.label == label
    assert "possible_request" not in outcome.trace["classify"]


def test_oversized_and_garbage_messages_are_quarantined_with_a_reason() -> None:
    small = Pipeline(PipelineOptions(max_message_bytes=1000))
    big = small.process(request_message(1, padding=5000))
    assert big.quarantine_reason is not None
    assert big.quarantine_reason.startswith("intake: message is")
    assert "limits.max_message_bytes" in big.quarantine_reason
    garbage = Pipeline().process(b"\x00\xff\xfe not mail")
    assert garbage.quarantine_reason is not None and garbage.quarantine_reason.startswith(
        "parse: not an email"
    )
    assert Pipeline().process(b"   \r\n").quarantine_reason == "intake: empty message"


def test_mime_nested_beyond_the_parser_is_quarantined_for_its_nesting() -> None:
    # It has a header block: "no header block could be read" would send a coordinator looking for the wrong fault.
    head = b"".join(b'Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' % (i, i) for i in range(5000))
    outcome = Pipeline().process(b"From: a@example.org\nSubject: deep\n" + head + b"\nx\n")
    assert outcome.quarantine_reason is not None
    assert outcome.quarantine_reason.startswith(
        "parse: MIME nesting deeper than the parser's recursion limit"
    )


def test_a_model_that_cannot_load_stops_the_run_instead_of_quarantining(tmp_path: Path) -> None:
    pipeline = Pipeline(PipelineOptions(model_dir=tmp_path / "no-model-here"))
    with pytest.raises(ModelError):
        pipeline.process(request_message(2))


def test_reply_to_our_draft_is_a_thread_reply_by_header() -> None:
    index = ThreadIndex(message_ids={"<draft-7@inboxbroker.example.org>": 7})
    outcome = Pipeline(threads=index).process(reply_to("<draft-7@inboxbroker.example.org>", "Re: Our chat"))
    assert outcome.label == Label.THREAD_REPLY
    assert outcome.trace["thread"]["request_id"] == 7
    assert outcome.trace["thread"]["strength"] == "strong"
    assert "Thursday at 2pm" in outcome.trace["thread"]["new_text"]
    assert "Would Thursday suit you" not in outcome.trace["thread"]["new_text"]


def test_reply_matched_by_subject_and_participant_is_a_weak_thread_reply() -> None:
    index = ThreadIndex(
        threads=(
            KnownThread(9, "informational interview request #0", frozenset({"ana.okafor0@example.net"})),
        )
    )
    outcome = Pipeline(threads=index).process(
        reply_to("<unknown@elsewhere>", "RE: Informational interview request #0")
    )
    assert outcome.label == Label.THREAD_REPLY
    assert outcome.trace["thread"]["strength"] == "weak"


def test_store_thread_index_lists_sent_drafts_only(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'ledger.sqlite3'}") as store:
        mailbox = store.mailbox("local", "test")
        ingested = store.ingest_local("test", "a", request_message(0))
        with store.engine.begin() as conn:
            person = schema.table_of(schema.Person)
            request = schema.table_of(schema.Request)
            draft = schema.table_of(schema.Draft)
            person_id = conn.execute(
                person.insert().values(email="ana.okafor0@example.net").returning(person.c.id)
            ).scalar_one()
            request_id = conn.execute(
                request.insert()
                .values(message_id=ingested.message_id, requester_id=person_id, label="interview_request")
                .returning(request.c.id)
            ).scalar_one()
            for state, mid in (("sent", "<sent@x>"), ("pending", "<pending@x>")):
                conn.execute(
                    draft.insert().values(
                        request_id=request_id,
                        template="t",
                        dedupe_key=f"1:reply:{state}",
                        message_id_header=mid,
                        to_addrs=["Ana <ana.okafor0@example.net>"],
                        subject="Re: Informational interview request #0",
                        text="",
                        state=state,
                    )
                )
        index = store.thread_index()
        assert mailbox.account == "local"
        assert dict(index.message_ids) == {"<sent@x>": request_id}
        assert index.threads[0].participants == frozenset({"ana.okafor0@example.net"})


def test_the_pure_core_imports_no_adapter_or_heavy_library() -> None:
    code = (
        "import sys, inboxbroker.pipeline, inboxbroker.mail.parse, inboxbroker.mail.forwards, "
        "inboxbroker.mail.guards, inboxbroker.extract.fields, inboxbroker.extract.times, "
        "inboxbroker.extract.resume, inboxbroker.triage\n"
        "heavy = ['sqlalchemy', 'imapclient', 'smtplib', 'sklearn', 'pypdf', 'docx', 'alembic']\n"
        "print([m for m in heavy if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
