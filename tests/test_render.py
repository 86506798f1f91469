"""Reply templates: the shipped six render with their documented context; mail content stays data; a broken
template is a TemplateError naming its file and line; slots are written in the reader's zone, zone named."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from inboxbroker import bundled
from inboxbroker.domain import Interval
from inboxbroker.drafting.render import TEMPLATE_NAMES, TemplateSet
from inboxbroker.drafting.wording import SlotText, format_slot, format_slot_both
from inboxbroker.errors import InboxBrokerError, TemplateError

TEMPLATES = bundled.templates_dir()
LA, KOLKATA = ZoneInfo("America/Los_Angeles"), ZoneInfo("Asia/Kolkata")
HOSTILE = "Hello\r\nBcc: victim@example.org {{ 7*7 }} {% raw %}<script>alert(1)</script>"


def slot(day: int, hour: int = 9) -> Interval:
    return Interval(datetime(2025, 12, day, hour, tzinfo=LA), datetime(2025, 12, day, hour, 30, tzinfo=LA))


SLOTS = [format_slot_both(slot(d), "Asia/Kolkata", "America/Los_Angeles") for d in (9, 10, 11)]
COMMON = {"programme": "Interview Programme", "coordinator_name": "Priya Shah"}
CONTEXTS: dict[str, dict[str, Any]] = {
    "propose_slots": {
        "requester_name": "Asha Rao", "interviewer_name": "Rachel Kim", "topic": "data science",
        "duration_minutes": 30, "slots": SLOTS, "location": None, "video_url": "https://meet.example.org/rk",
        "forwarder_name": "Tom Baker",
    },
    "confirm_slot": {
        "requester_name": "Asha Rao", "interviewer_name": "Rachel Kim", "topic": "data science",
        "duration_minutes": 30, "slot": SLOTS[0], "location": "Building 4, room 2.17", "video_url": None,
    },
    "decline_capacity": {"requester_name": "Asha Rao", "topic": "data science", "next_opening": "in January"},
    "redirect_application": {
        "requester_name": "Asha Rao", "careers_address": "careers@example.org", "role": "Data Engineer",
    },
    "ask_details": {"requester_name": None, "missing": ["name", "topic"], "forwarder_name": "Tom Baker"},
    "note_to_forwarder": {
        "forwarder_name": "Tom Baker", "requester_name": "Asha Rao", "requester_email": "asha.rao@example.in",
        "interviewer_name": "Rachel Kim", "forwarder_hosts": False, "slots": SLOTS, "confirmed": False,
        "topic": "data science",
    },
    "cancel_meeting": {"requester_name": "Asha Rao", "interviewer_name": "Rachel Kim", "slot": SLOTS[0]},
}  # fmt: skip


@pytest.fixture(scope="module")
def templates() -> TemplateSet:
    return TemplateSet(TEMPLATES)


def context(name: str, **changes: Any) -> dict[str, Any]:
    return {**COMMON, **CONTEXTS[name], **changes}


# --- the shipped templates -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_each_shipped_template_renders_a_subject_text_and_html(templates: TemplateSet, name: str) -> None:
    rendered = templates.render(name, context(name))
    assert rendered.subject and "\n" not in rendered.subject
    assert rendered.text.strip() and rendered.html is not None
    assert rendered.html.lstrip().startswith("<!DOCTYPE html>")
    assert "Priya Shah" in rendered.text and "Interview Programme" in rendered.text
    assert "{{" not in rendered.text and "{%" not in rendered.text
    assert rendered.text.endswith("\n") and "\n\n\n" not in rendered.text


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_each_template_needs_every_variable_the_readme_lists(templates: TemplateSet, name: str) -> None:
    # StrictUndefined: a variable the Python side forgot is an error, not an empty gap in a sent mail.
    readme = (TEMPLATES / "README.md").read_text()
    section = readme.split(f"### `{name}`")[1].split("###")[0]
    documented = set(re.findall(r"^- `(\w+)`", section, re.M)) | set(COMMON)
    assert documented == set(context(name))
    for variable in CONTEXTS[name]:
        smaller = {k: v for k, v in context(name).items() if k != variable}
        try:
            templates.render(name, smaller)
        except TemplateError:
            continue
        # Only a variable read solely under a condition that is false here may be left out.
        assert variable in {
            "forwarder_name",
            "next_opening",
            "location",
            "video_url",
            "role",
            "topic",
            "requester_email",
        }


def test_the_proposal_lists_every_slot_in_both_zones(templates: TemplateSet) -> None:
    rendered = templates.render("propose_slots", context("propose_slots"))
    assert "Tuesday 9 December, 22:30–23:00 IST (Asia/Kolkata)" in rendered.text
    assert "Tuesday 9 December, 09:00–09:30 PST (America/Los_Angeles)" in rendered.text
    assert rendered.text.count(" IST (Asia/Kolkata)") == 3
    assert "https://meet.example.org/rk" in rendered.text
    assert '<a href="https://meet.example.org/rk">' in (rendered.html or "")


def test_ask_details_asks_only_for_what_is_missing(templates: TemplateSet) -> None:
    only_topic = templates.render(
        "ask_details", context("ask_details", requester_name="Asha", missing=["topic"])
    )
    assert "Dear Asha," in only_topic.text
    assert "full name" not in only_topic.text and "what you would like to talk about" in only_topic.text


def test_the_note_says_when_the_forwarder_hosts_and_when_it_is_booked(templates: TemplateSet) -> None:
    note = templates.render(
        "note_to_forwarder",
        context("note_to_forwarder", forwarder_hosts=True, confirmed=True, slots=SLOTS[:1]),
    )
    assert "you will host it yourself" in note.text
    assert f"It is booked for {SLOTS[0].text}." in note.text


# --- mail content is data ---------------------------------------------------------------------------------


def test_mail_content_is_shown_as_text_never_run(templates: TemplateSet) -> None:
    rendered = templates.render(
        "propose_slots", context("propose_slots", requester_name=HOSTILE, topic=HOSTILE)
    )
    assert "{{ 7*7 }}" in rendered.text and "49" not in rendered.text
    assert "<script>alert(1)</script>" in rendered.text  # the text part shows what they wrote
    html = rendered.html or ""
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html


def test_a_subject_is_one_line_whatever_the_data(templates: TemplateSet) -> None:
    rendered = templates.render("decline_capacity", context("decline_capacity", topic=HOSTILE))
    assert "\r" not in rendered.subject and "\n" not in rendered.subject
    assert "Hello Bcc: victim@example.org {{ 7*7 }}" in rendered.subject


def test_the_sandbox_refuses_python_internals(tmp_path: Path) -> None:
    write_set(tmp_path, subject="{{ requester_name.__class__.__mro__ }}")
    with pytest.raises(TemplateError, match=r"propose_slots\.txt\.j2"):
        TemplateSet(tmp_path).render("propose_slots", {"requester_name": "x"})


# --- errors name the file and line ------------------------------------------------------------------------


def write_set(folder: Path, subject: str = "Hi", body: str = "Hello {{ requester_name }}\n") -> None:
    for name in TEMPLATE_NAMES:
        (folder / f"{name}.txt.j2").write_text(
            f"{{% block subject %}}{subject}{{% endblock %}}\n{{% block body %}}\n{body}{{% endblock %}}\n"
        )


def test_an_undefined_variable_names_the_file_and_line(tmp_path: Path) -> None:
    write_set(tmp_path, body="Hello {{ requester_name }},\n\nwe meet {{ wehn }}.\n")
    templates = TemplateSet(tmp_path)
    with pytest.raises(TemplateError) as caught:
        templates.render("propose_slots", {"requester_name": "Asha"})
    assert caught.value.path == str(tmp_path / "propose_slots.txt.j2")
    assert caught.value.line == 5
    assert "wehn" in str(caught.value) and "line 5" in str(caught.value)
    assert isinstance(caught.value, InboxBrokerError)


def test_a_syntax_error_is_found_when_the_folder_is_loaded(tmp_path: Path) -> None:
    write_set(tmp_path)
    (tmp_path / "confirm_slot.html.j2").write_text("<p>\n{% if slot %}\n{{ slot.text }\n")
    with pytest.raises(TemplateError) as caught:
        TemplateSet(tmp_path)
    assert caught.value.path == str(tmp_path / "confirm_slot.html.j2")
    assert caught.value.line == 3


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("{% block body %}x{% endblock %}\n", "no {% block subject %}"),
        ("{% block subject %}x{% endblock %}\n", "no {% block body %}"),
        ("{% block subject %}x{% endblock %}\nDear all,\n{% block body %}x{% endblock %}\n", "outside"),
    ],
)
def test_a_text_template_must_be_a_subject_and_a_body(tmp_path: Path, source: str, problem: str) -> None:
    write_set(tmp_path)
    (tmp_path / "ask_details.txt.j2").write_text(source)
    with pytest.raises(TemplateError, match=re.escape(problem)):
        TemplateSet(tmp_path)


def test_a_missing_template_is_named(tmp_path: Path) -> None:
    write_set(tmp_path)
    (tmp_path / "decline_capacity.txt.j2").unlink()
    with pytest.raises(TemplateError, match=r"decline_capacity\.txt\.j2"):
        TemplateSet(tmp_path)


def test_the_folder_is_read_once(tmp_path: Path) -> None:
    write_set(tmp_path)
    templates = TemplateSet(tmp_path)
    (tmp_path / "propose_slots.txt.j2").write_text("{% block subject %}changed{% endblock %}")
    assert templates.render("propose_slots", {"requester_name": "Asha"}).subject == "Hi"
    assert templates.render("propose_slots", {"requester_name": "Asha"}).html is None  # no .html.j2 here


# --- slot wording -----------------------------------------------------------------------------------------


def test_a_slot_is_written_in_the_requesters_zone_with_the_zone_named() -> None:
    interval = Interval(
        datetime(2025, 12, 9, 14, tzinfo=KOLKATA), datetime(2025, 12, 9, 14, 30, tzinfo=KOLKATA)
    )
    assert format_slot(interval, "Asia/Kolkata") == "Tuesday 9 December, 14:00–14:30 IST (Asia/Kolkata)"
    assert format_slot(interval, "America/Los_Angeles") == (
        "Tuesday 9 December, 00:30–01:00 PST (America/Los_Angeles)"
    )
    assert format_slot(interval, "UTC") == "Tuesday 9 December, 08:30–09:00 UTC"
    assert format_slot(interval, "+05:30") == "Tuesday 9 December, 14:00–14:30 UTC+05:30"
    assert format_slot(interval, "Asia/Dubai") == "Tuesday 9 December, 12:30–13:00 UTC+04 (Asia/Dubai)"


def test_a_slot_across_midnight_or_a_clock_change_says_so() -> None:
    late = Interval(datetime(2025, 12, 9, 23, 45, tzinfo=LA), datetime(2025, 12, 10, 0, 15, tzinfo=LA))
    assert format_slot(late, "America/Los_Angeles") == (
        "Tuesday 9 December, 23:45 – Wednesday 10 December, 00:15 PST (America/Los_Angeles)"
    )
    start = datetime(2025, 11, 2, 1, 30, tzinfo=LA)  # the first 01:30, in PDT
    change = Interval(start, datetime(2025, 11, 2, 1, 15, tzinfo=LA, fold=1))
    assert format_slot(change, "America/Los_Angeles") == (
        "Sunday 2 November, 01:30 PDT–01:15 PST (America/Los_Angeles)"
    )


def test_both_zones_only_when_they_differ() -> None:
    interval = slot(9)
    assert format_slot_both(interval, None, "America/Los_Angeles") == SlotText(
        "Tuesday 9 December, 09:00–09:30 PST (America/Los_Angeles)", None
    )
    assert format_slot_both(interval, "America/Los_Angeles", "America/Los_Angeles").interviewer_text is None
    both = format_slot_both(interval, "Asia/Kolkata", "America/Los_Angeles")
    assert both.text.endswith("IST (Asia/Kolkata)") and (both.interviewer_text or "").endswith(
        "(America/Los_Angeles)"
    )


def test_a_naive_slot_or_an_unknown_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        format_slot(Interval(datetime(2025, 12, 9, 9), datetime(2025, 12, 9, 10)), "UTC")
    with pytest.raises(ValueError, match="unknown time zone"):
        format_slot(slot(9), "Mars/Olympus_Mons")
