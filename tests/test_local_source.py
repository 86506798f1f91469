"""Local sources: Maildir, mbox and .eml folders round-trip their bytes with stable keys."""

from __future__ import annotations

import mailbox
import os
from pathlib import Path

import pytest

from inboxbroker.errors import SourceError, UsageError
from inboxbroker.sources.local import iter_local

MESSAGES = [
    b"From: a@example.com\nTo: interviews@example.org\nSubject: one\n\nFrom the start of a line.\n",
    b"From: b@example.com\nTo: interviews@example.org\nSubject: two\n\nSecond body.\n",
]


def test_maildir_round_trip(tmp_path: Path) -> None:
    box = mailbox.Maildir(tmp_path / "md", create=True)
    keys = [box.add(raw) for raw in MESSAGES]
    # one message moved to cur/ with flags, as a mail client would
    msg = box[keys[1]]
    msg.set_subdir("cur")
    msg.set_flags("S")
    box[keys[1]] = msg
    items = list(iter_local(f"maildir:{tmp_path / 'md'}"))
    assert sorted(i.key for i in items) == sorted(keys)
    by_key = {i.key: i.raw for i in items}
    assert by_key[keys[0]] == MESSAGES[0]
    assert b"Subject: two" in by_key[keys[1]]
    assert items[0].source == f"maildir:{(tmp_path / 'md').resolve()}"
    assert [i.key for i in iter_local(f"maildir:{tmp_path / 'md'}")] == [i.key for i in items]


def test_mbox_round_trip_keeps_bytes(tmp_path: Path) -> None:
    path = tmp_path / "box.mbox"
    box = mailbox.mbox(path, create=True)
    for raw in MESSAGES:
        box.add(raw)
    box.close()
    items = list(iter_local(f"mbox:{path}"))
    assert [i.key for i in items] == ["0", "1"]
    # mailbox quotes a body line starting with "From " when writing and leaves it as stored when reading
    assert items[0].raw.replace(b">From the", b"From the") == MESSAGES[0]
    assert items[1].raw == MESSAGES[1]


def test_eml_folder_recursive_sorted_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "z.eml").write_bytes(MESSAGES[0])
    (tmp_path / "b" / "a.eml").write_bytes(MESSAGES[1])
    (tmp_path / "notes.txt").write_bytes(b"\x00not mail at all")
    (tmp_path / ".hidden.eml").write_bytes(MESSAGES[0])
    (tmp_path / ".git" / "x.eml").write_bytes(MESSAGES[0])
    items = list(iter_local(f"eml:{tmp_path}"))
    assert [i.key for i in items] == ["notes.txt", "z.eml", "b/a.eml"]
    assert items[2].raw == MESSAGES[1]
    assert items[0].raw == b"\x00not mail at all"  # yielded anyway: the pipeline quarantines it


def test_symlinks_out_of_the_folder_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_bytes(b"secret")
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "ok.eml").write_bytes(MESSAGES[0])
    os.symlink(outside, folder / "leak.eml")
    os.symlink(tmp_path, folder / "loop")
    assert [i.key for i in iter_local(f"eml:{folder}")] == ["ok.eml"]

    box = mailbox.Maildir(tmp_path / "md", create=True)
    box.add(MESSAGES[0])
    os.symlink(outside, tmp_path / "md" / "new" / "1.leak")
    assert len(list(iter_local(f"maildir:{tmp_path / 'md'}"))) == 1


@pytest.mark.parametrize("spec", ["", "imap", "pop3:/tmp/x", "maildir:", "/tmp/mail"])
def test_bad_spec_names_the_accepted_forms(spec: str) -> None:
    with pytest.raises(UsageError, match="maildir:PATH, mbox:PATH or eml:DIR"):
        iter_local(spec)


def test_missing_paths_are_source_errors(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not a Maildir"):
        iter_local(f"maildir:{tmp_path}")
    with pytest.raises(SourceError, match="not an mbox"):
        iter_local(f"mbox:{tmp_path / 'none'}")
    with pytest.raises(SourceError, match="not a folder"):
        iter_local(f"eml:{tmp_path / 'none'}")
