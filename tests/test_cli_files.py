"""``classify`` and ``extract`` on files: the JSON Lines contract of DESIGN.md §5, no database needed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "forwards"

EXTRACT_KEYS = [
    "file", "label", "requester", "forwarded_by", "forward_note", "topic", "referred_by", "duration_minutes",
    "format", "availability", "timezone", "attachments", "resume",
]  # fmt: skip
REQUESTER_KEYS = ["name", "email", "phone", "linkedin", "organization", "role"]


def cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # An empty working folder: no ./inboxbroker.toml, so the defaults apply and no database is touched.
    return subprocess.run(
        [sys.executable, "-m", "inboxbroker", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )


def test_extract_json_follows_the_contract_and_sees_through_the_forward(tmp_path: Path) -> None:
    result = cli(tmp_path, "extract", "--json", str(FIXTURES / "gmail_forward.eml"))
    assert result.returncode == 0, result.stderr
    row = json.loads(result.stdout)
    assert list(row) == EXTRACT_KEYS
    assert list(row["requester"]) == REQUESTER_KEYS
    assert row["requester"]["email"] == "priya.raman@mail.example"  # the original sender, not the manager
    assert row["forwarded_by"] == {"name": "Daniel Okafor", "email": "d.okafor@northwind.example"}
    assert row["forward_note"].startswith("Could someone set this up?")
    assert row["duration_minutes"] == 20
    for slot in row["availability"]:
        assert slot["start"][-6] in "+-" and slot["end"][-6] in "+-"  # ISO 8601 with an offset
    assert {"filename", "content_type", "size", "is_resume"} == set(row["attachments"][0])
    assert not list(tmp_path.iterdir()), "extract must not create a database or any file"


def test_extract_for_people_reads_as_labelled_lines(tmp_path: Path) -> None:
    result = cli(tmp_path, "extract", str(FIXTURES / "outlook_desktop_forward.eml"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("outlook_desktop_forward.eml  [interview_request]")
    fields = {line[2:16].strip(): line[16:] for line in lines[1:]}
    assert fields["email"] == "tom.becker@uni.example"
    assert fields["forwarded by"] == "Hannah Lee <hannah.lee@northwind.example>"
    assert fields["note"].startswith("Forwarding for the programme")
    assert fields["duration"] == "30 min"
    assert fields["format"] == "phone"


def test_classify_json_rows_and_a_bad_file(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.eml"
    garbage.write_bytes(b"\x00\x01\x02 not mail")
    result = cli(tmp_path, "classify", "--json", str(FIXTURES / "direct_request.eml"), str(garbage))
    assert result.returncode == 1  # one file could not be read
    good, bad = (json.loads(line) for line in result.stdout.splitlines())
    assert list(good) == ["file", "label", "probability", "reasons"]
    assert good["label"] == "interview_request" and 0 < good["probability"] <= 1 and good["reasons"]
    assert bad == {"file": str(garbage), "error": "parse: not an email: no header block could be read"}


def test_no_help_text_points_at_a_file_that_does_not_ship() -> None:
    """DESIGN.md is the maintainers' notes, not in the wheel: help points at the README instead."""
    import click
    from click.testing import CliRunner

    from inboxbroker.cli.commands import main

    def commands(group: click.Group, path: list[str]) -> list[list[str]]:
        found = [path]
        for name, command in group.commands.items():
            if isinstance(command, click.Group):
                found += commands(command, [*path, name])
            else:
                found.append([*path, name])
        return found

    for path in commands(main, []):
        result = CliRunner().invoke(main, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "DESIGN" not in result.output, path
    extract = CliRunner().invoke(main, ["extract", "--help"]).output
    assert "README" in extract and "What it makes of a message" in " ".join(extract.split())
