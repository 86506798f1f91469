"""The config contract: exact errors naming key and fix, the example file in step, secrets kept secret."""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import shlex
import sys
import time
import tomllib
from datetime import time as clock
from pathlib import Path

import pytest

from inboxbroker.errors import ConfigError, SecretError
from inboxbroker.settings.config import (
    Settings,
    find_config_path,
    load_config,
    masked,
    parse_config,
    settings_reference,
    starter_config,
)
from inboxbroker.settings.credentials import imap_oauth2_token, imap_password, resolve_secret, smtp_password

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "config.example.toml"
PACKAGED_EXAMPLE = ROOT / "src" / "inboxbroker" / "data" / "config.example.toml"
SECRET = "s3cret-Pa55word"

IMAP = """
[imap]
host = "imap.example.org"
username = "interviews@example.org"
password_env = "IMAP_PW"
"""
SMTP = """
[smtp]
host = "smtp.example.org"
from = "Interview Programme <interviews@example.org>"
"""
INTERVIEWER = """
[[interviewers]]
name = "Rachel Kim"
email = "rachel.kim@example.org"
timezone = "America/Los_Angeles"
"""


def parse(text: str, base: Path | None = None) -> Settings:
    return parse_config(tomllib.loads(text), base or Path("/srv/ib"))


def py(code: str) -> str:
    """A password_command running ``code`` in this interpreter (no dependence on the shell's tools)."""
    return shlex.join([sys.executable, "-c", code])


# Each case: a config, and the exact message the user sees: the key path, what is wrong, and the fix.
BAD_CONFIGS = [
    (IMAP + 'port = "abc"', 'imap.port: expected an integer, got "abc"'),
    (IMAP + 'port = "993"', 'imap.port: expected an integer, got "993" (drop the quotes)'),
    (IMAP + "port = 70000", "imap.port: expected an integer from 1 to 65535, got 70000"),
    (IMAP + 'security = "ssl"', 'imap.security: expected one of tls, starttls, none, got "ssl"'),
    (
        IMAP + 'security = "none"',
        'imap.security: "none" sends the password in clear text; set imap.insecure = true to allow it',
    ),
    (IMAP + 'hots = "x"', 'imap.hots: unknown key; did you mean "host"?'),
    (IMAP + 'insecure = "yes"', 'imap.insecure: expected true or false, got "yes"'),
    (IMAP + 'folders = "INBOX"', 'imap.folders: expected a list like ["INBOX"], got "INBOX"'),
    (IMAP + "folders = []", 'imap.folders: is empty; list at least one folder, like ["INBOX"]'),
    (IMAP + "batch_size = 0", "imap.batch_size: expected an integer from 1 to 5000, got 0"),
    (IMAP + "since_days = -1", "imap.since_days: expected an integer of at least 0, got -1"),
    (
        '[imap]\nusername = "u"\npassword_env = "P"',
        'imap.host: missing; add host = "imap.example.org" under [imap]',
    ),
    (
        '[imap]\nhost = "imaps://mail.example.org:993"\nusername = "u"\npassword_env = "P"',
        'imap.host: expected a host name, not a URL; write "mail.example.org" and set port and security',
    ),
    (
        IMAP + 'password_command = "pass show x"',
        "imap.password_command: set only one of password_env, password_command, password, "
        "oauth2_token_command (found password_env and password_command)",
    ),
    (
        '[imap]\nhost = "h"\nusername = "u"',
        "imap.password_env: missing; set password_env, password_command or oauth2_token_command",
    ),
    (
        f'[imap]\nhost = "h"\nusername = "u"\npassword = "{SECRET}"',
        "imap.password: a password in the config file can be read by anyone who can read the file; "
        "use password_env or password_command, or set imap.allow_plaintext_password = true",
    ),
    (
        f'[imap]\nhost = "h"\nusername = "u"\npassword_env = "{SECRET} !"',
        'imap.password_env: expected the name of an environment variable like "INBOXBROKER_IMAP_PASSWORD" '
        "(letters, digits, _); put the password in that variable, not in this file",
    ),
    (
        '[imap]\nhost = "h"\nusername = "u"\npassword_command = "pass show \'x"',
        "imap.password_command: cannot be split into words (No closing quotation); check the quotes",
    ),
    (
        IMAP + 'on_processed = "flag:Inbox Broker"',
        'imap.on_processed: "Inbox Broker" is not a valid IMAP keyword; use letters, digits and $_-. '
        'without spaces or ( ) { } % * " \\ ]',
    ),
    (
        IMAP + 'on_quarantined = "tag:x"',
        'imap.on_quarantined: expected "none", "flag:KEYWORD" or "move:FOLDER", got "tag:x"',
    ),
    (
        IMAP + 'on_processed = "flag:\\\\Deleted"',
        "imap.on_processed: \\Deleted cannot be set here; use \\Seen, \\Flagged, \\Answered or a keyword",
    ),
    (
        'imap = "imap.example.org"',
        'imap: expected a table [imap] or an array of tables [[imap]], got "imap.example.org"',
    ),
    (
        '[[imap]]\nhost = "a"\nusername = "u"\npassword_env = "P"\nname = "work"\n'
        '[[imap]]\nhost = "b"\nusername = "u"\npassword_env = "P"\nname = "work"',
        'imap[1].name: "work" is already used by imap[0]; give each account its own name',
    ),
    (
        '[smtp]\nhost = "smtp.example.org"',
        'smtp.from: missing; add from = "Interview Programme <interviews@example.org>" under [smtp]',
    ),
    (SMTP + 'from_ = "x@example.org"', 'smtp.from_: unknown key; did you mean "from"?'),
    (
        '[smtp]\nhost = "h"\nfrom = "Interviews"',
        'smtp.from: expected one address like "Interview Programme <interviews@example.org>", '
        'got "Interviews"',
    ),
    (
        SMTP + 'password_env = "P"',
        'smtp.username: missing; password_env needs a user name, add username = "…"',
    ),
    (
        '[store]\nurl = "mysql://app:hunter2@db/ib"',
        "store.url: expected sqlite:///PATH or postgresql+psycopg://USER@HOST/DB, "
        'got "mysql://app:***@db/ib"; other databases are not supported',
    ),
    (
        '[store]\nurl = "sqlite:var/ib.db"',
        "store.url: expected sqlite:///PATH or postgresql+psycopg://USER@HOST/DB, "
        'got "sqlite:var/ib.db"; other databases are not supported',
    ),
    ("[watch]\nidle_seconds = 3600", "watch.idle_seconds: expected an integer from 1 to 1740, got 3600"),
    (
        "[watch]\nbackoff_initial_seconds = 60\nbackoff_max_seconds = 10",
        "watch.backoff_max_seconds: must be at least backoff_initial_seconds (60)",
    ),
    ("[triage]\nthreshold = 1.5", "triage.threshold: expected a number from 0 to 1, got 1.5"),
    (
        "[limits]\nmax_attachment_bytes = 99999999",
        "limits.max_attachment_bytes: must not exceed max_message_bytes (52428800)",
    ),
    (
        '[runtime]\nlog_level = "LOUD"',
        'runtime.log_level: expected one of DEBUG, INFO, WARNING, ERROR, CRITICAL, got "LOUD"',
    ),
    ('[interviewer]\nname = "x"', 'interviewer: unknown key; did you mean "interviewers"?'),
    (
        "[sources]\nx = 1",
        "sources: unknown key; "
        "expected one of imap, smtp, store, runtime, watch, triage, limits, interviewers, scheduling, drafting, send, "
        "web, retention",
    ),
    (
        INTERVIEWER * 2,
        'interviewers[1].email: "rachel.kim@example.org" is already used by interviewers[0]; '
        "list each interviewer once",
    ),
    (
        INTERVIEWER + '[[interviewers]]\nname = "B"\nemail = "b@example.org"\ntimezone = "UTC"\n'
        '[[interviewers]]\nname = "C"\nemail = "c@example.org"\ntimezone = "Mars/Base"',
        'interviewers[2].timezone: unknown time zone "Mars/Base"; use an IANA name like "Europe/Berlin"',
    ),
    (
        INTERVIEWER + 'working_hours = "9-5"',
        'interviewers[0].working_hours: expected like "Mon-Fri 09:00-17:00", got "9-5"',
    ),
    (
        INTERVIEWER + 'working_hours = "Mon-Fri 17:00-09:00"',
        'interviewers[0].working_hours: expected like "Mon-Fri 09:00-17:00", got "Mon-Fri 17:00-09:00" '
        "(09:00 is not after 17:00)",
    ),
    (
        INTERVIEWER + 'working_hours = "Mon-Fri 09:00-25:00"',
        'interviewers[0].working_hours: expected like "Mon-Fri 09:00-17:00", got "Mon-Fri 09:00-25:00" '
        "(25:00 is not a time of day)",
    ),
    (
        INTERVIEWER + 'working_hours = "Mon-Fry 09:00-17:00"',
        'interviewers[0].working_hours: expected like "Mon-Fri 09:00-17:00", got "Mon-Fry 09:00-17:00"',
    ),
    (
        '[[interviewers]]\nname = "R"\nemail = "rachel at example.org"\ntimezone = "UTC"',
        'interviewers[0].email: expected an email address like "name@example.org", '
        'got "rachel at example.org"',
    ),
    (
        INTERVIEWER + "capacity_per_month = -1",
        "interviewers[0].capacity_per_month: expected an integer of at least 0, got -1",
    ),
    (
        INTERVIEWER + 'busy_ics = "http://cal.example.org/r.ics"',
        "interviewers[0].busy_ics: use an https:// URL so the calendar is not sent in clear, "
        'got "http://cal.example.org/r.ics"',
    ),
    (
        '[[interviewers]]\nname = "R"\nemail = "r@example.org"',
        'interviewers[0].timezone: missing; add timezone = "America/Los_Angeles" under [interviewers[0]]',
    ),
    (
        '[[interviewers]]\nname = ""\nemail = "r@example.org"\ntimezone = "UTC"',
        "interviewers[0].name: is empty; give a value or remove the line",
    ),
    (
        INTERVIEWER + '[interviewers.busy_caldav]\nurl = "http://cal.example.org/dav/"',
        "interviewers[0].busy_caldav.url: expected an https:// calendar URL (http only to 127.0.0.1), "
        'got "http://cal.example.org/dav/"',
    ),
    (
        INTERVIEWER + '[interviewers.busy_caldav]\nurl = "https://cal.example.org/"\npassword_env = "P"',
        'interviewers[0].busy_caldav.username: missing; password_env needs a user name, add username = "…"',
    ),
    (
        INTERVIEWER + 'video_link = "http://meet.example.org/x"',
        'interviewers[0].video_link: expected an https:// link, got "http://meet.example.org/x"',
    ),
    (
        "[scheduling]\ndefault_minutes = 90",
        "scheduling.default_minutes: must lie between min_minutes (15) and max_minutes (60)",
    ),
    (
        '[drafting]\ncareers_address = "jobs page"',
        'drafting.careers_address: expected an email address like "name@example.org", got "jobs page"',
    ),
    ("[web]\nport = 0", "web.port: expected an integer from 1 to 65535, got 0"),
    (
        '[web]\nhost = "http://0.0.0.0"',
        'web.host: expected a host name, not a URL; write "0.0.0.0" and set port and security',
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD_CONFIGS, ids=[m.split(":")[0] for _, m in BAD_CONFIGS])
def test_bad_config_names_key_and_fix(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse(text)
    assert str(info.value) == message
    assert info.value.key == message.split(": ", 1)[0]
    assert SECRET not in str(info.value)
    assert "hunter2" not in str(info.value)


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "inboxbroker.toml"
    path.write_text('[imap]\nhost = "h"\nport = = 3\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value) == f"{path}: invalid TOML: Invalid value (at line 3, column 8)"


def test_missing_explicit_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    with pytest.raises(ConfigError, match=r"nope\.toml: no such file; create it with `inboxbroker init`"):
        load_config(path)


def test_example_parses_and_the_packaged_copy_is_identical(tmp_path: Path) -> None:
    settings = load_config(EXAMPLE, env={})
    assert settings.source_path == EXAMPLE
    assert [a.host for a in settings.imap] == ["imap.example.org"]
    assert settings.smtp is not None and settings.smtp.from_ == "Interview Programme <interviews@example.org>"
    assert settings.store.url == f"sqlite:///{ROOT / 'var' / 'inboxbroker.sqlite3'}"
    assert settings.interviewers[0].busy_ics == str(ROOT / "calendars" / "rachel.ics")
    assert PACKAGED_EXAMPLE.read_text(encoding="utf-8") == EXAMPLE.read_text(encoding="utf-8")
    assert starter_config() == EXAMPLE.read_text(encoding="utf-8")
    written = tmp_path / "inboxbroker.toml"
    written.write_text(starter_config(), encoding="utf-8")
    assert load_config(written).runtime.state_dir == tmp_path / "var"


def _example_keys() -> tuple[set[str], list[str]]:
    """Dotted keys the example sets or shows commented out ("# key = value"), and those commented lines."""
    keys: set[str] = set()
    commented: list[str] = []
    section = ""
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        header = re.fullmatch(r"\[\[?([a-z_.]+)\]\]?", line.strip())
        if header:
            section = header[1]
            continue
        setting = re.match(r"(# )?([a-z_0-9]+) = ", line)
        if setting:
            keys.add(f"{section}.{setting[2]}")
            if setting[1]:
                commented.append(line[2:])
    return keys, commented


def test_example_documents_every_setting_and_nothing_else() -> None:
    reference = {path for path, _, _ in settings_reference()}
    documented, _ = _example_keys()
    assert documented - reference == set(), "keys in config.example.toml that the dataclasses do not declare"
    assert reference - documented == set(), "settings missing from config.example.toml"


def test_commented_example_values_are_valid_toml() -> None:
    _, commented = _example_keys()
    assert commented
    for line in commented:
        tomllib.loads(line)


def test_example_precedes_each_key_with_a_comment() -> None:
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    seen: set[str] = set()
    section = ""
    for i, line in enumerate(lines):
        header = re.fullmatch(r"\[\[?([a-z_.]+)\]\]?", line.strip())
        if header:
            section = header[1]
        setting = re.match(r"(?:# )?([a-z_0-9]+) = ", line)
        if setting and f"{section}.{setting[1]}" not in seen:
            seen.add(f"{section}.{setting[1]}")
            assert lines[i - 1].startswith("#"), f"line {i + 1} ({line!r}) has no comment above it"


def test_a_renamed_key_is_still_read_under_its_former_name(tmp_path: Path) -> None:
    # 0.1.0 called it model_path; a working config must survive the upgrade.
    settings = parse('[triage]\nmodel_path = "mine"', tmp_path)
    assert settings.triage.model_dir == tmp_path / "mine"
    with pytest.raises(ConfigError) as both:
        parse('[triage]\nmodel_path = "a"\nmodel_dir = "b"', tmp_path)
    assert both.value.key == "triage.model_path" and "keep only model_dir" in str(both.value)


def test_reference_has_help_for_everything() -> None:
    rows = settings_reference()
    assert all(help_text for _, help_text, _ in rows)
    defaults = {path: default for path, _, default in rows}
    assert defaults["imap.port"] == "993 for tls, 143 otherwise"
    assert defaults["watch.idle_seconds"] == 1740
    assert defaults["smtp.from"].__class__.__name__ == "_Required"


def test_defaults_without_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_config(None)
    assert settings.imap == () and settings.smtp is None and settings.interviewers == ()
    assert settings.source_path is None
    assert settings.runtime.state_dir == tmp_path / "var"
    assert settings.runtime.lock_dir == tmp_path / "var" / "locks"
    assert settings.store.url == f"sqlite:///{tmp_path / 'var' / 'inboxbroker.sqlite3'}"
    assert settings.watch.idle_seconds == 1740 and settings.watch.poll_seconds == 300
    assert settings.triage.threshold == 0.7
    assert settings.limits.max_message_bytes == 50 * 1024 * 1024
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.triage.__setattr__("threshold", 0.1)


def test_relative_paths_follow_the_config_folder(tmp_path: Path) -> None:
    text = (
        '[runtime]\nstate_dir = "state"\n[triage]\nmodel_dir = "~/models/mine"\n'
        + INTERVIEWER
        + 'busy_ics = "cal/r.ics"\n'
    )
    settings = parse_config(tomllib.loads(text), tmp_path, env={"HOME": "/home/coord"})
    assert settings.runtime.state_dir == tmp_path / "state"
    assert settings.runtime.lock_dir == tmp_path / "state" / "locks"
    assert settings.store.url == f"sqlite:///{tmp_path / 'state' / 'inboxbroker.sqlite3'}"
    assert settings.triage.model_dir == Path("/home/coord/models/mine")
    assert settings.interviewers[0].busy_ics == str(tmp_path / "cal" / "r.ics")
    explicit = parse('[store]\nurl = "sqlite:///db/ib.sqlite3?timeout=5"', tmp_path)
    assert explicit.store.url == f"sqlite:///{tmp_path / 'db' / 'ib.sqlite3'}?timeout=5"
    pg = parse('[store]\nurl = "postgresql+psycopg://ib@127.0.0.1/test"', tmp_path)
    assert pg.store.url == "postgresql+psycopg://ib@127.0.0.1/test"


def test_one_imap_table_and_several_accounts() -> None:
    single = parse(IMAP)
    assert len(single.imap) == 1
    account = single.imap[0]
    assert (account.name, account.port, account.security, account.folders) == (
        "interviews@example.org@imap.example.org",
        993,
        "tls",
        ("INBOX",),
    )
    assert (account.batch_size, account.since_days, account.on_processed) == (
        200,
        14,
        "flag:$InboxbrokerProcessed",
    )
    several = parse(
        '[[imap]]\nname = "work"\nhost = "A.example.org"\nusername = "u"\npassword_env = "P"\n'
        'security = "STARTTLS"\non_processed = "move: Done "\n'
        '[[imap]]\nname = "home"\nhost = "b.example.org"\nusername = "u"\npassword_command = "pass x"\n'
        'folders = ["INBOX", "Forwarded"]\non_processed = "flag:\\\\seen"\n'
    )
    work, home = several.imap
    assert (work.name, work.host, work.port, work.security, work.on_processed) == (
        "work",
        "a.example.org",
        143,
        "starttls",
        "move:Done",
    )
    assert (home.name, home.port, home.folders, home.on_processed) == (
        "home",
        993,
        ("INBOX", "Forwarded"),
        "flag:\\Seen",
    )
    assert home.key_path == "imap[1]"


def test_working_hours_parse_into_windows() -> None:
    text = INTERVIEWER + 'working_hours = "Mon,Wed 10:00-12:00,13:00-16:00;  sat-mon 09:00-10:00"\n'
    (person,) = parse(text).interviewers
    assert person.working_hours == "Mon,Wed 10:00-12:00,13:00-16:00; sat-mon 09:00-10:00"
    windows = person.windows
    assert [(sorted(w.weekdays), w.start, w.end) for w in windows] == [
        ([0, 2], clock(10), clock(12)),
        ([0, 2], clock(13), clock(16)),
        ([0, 5, 6], clock(9), clock(10)),
    ]


def test_plaintext_password_is_allowed_only_on_request_and_warns(caplog: pytest.LogCaptureFixture) -> None:
    text = f'[imap]\nhost = "h"\nusername = "u"\npassword = "{SECRET}"\nallow_plaintext_password = true\n'
    with caplog.at_level(logging.WARNING, logger="inboxbroker.settings.config"):
        settings = parse(text)
    assert "imap.password: a plain-text password is in the config file" in caplog.text
    assert SECRET not in caplog.text
    assert SECRET not in repr(settings)
    assert imap_password(settings.imap[0], env={}) == SECRET
    view = masked(settings)
    assert view["imap"][0]["password"] == "***"
    assert SECRET not in json.dumps(view)


def test_masked_hides_secrets_but_shows_where_they_come_from() -> None:
    text = (
        '[imap]\nhost = "h"\nusername = "u"\npassword_command = "pass show mail/ib"\n'
        '[smtp]\nhost = "s"\nfrom = "a@example.org"\nusername = "u"\noauth2_token_command = "tok --smtp"\n'
        '[store]\nurl = "postgresql+psycopg://ib:hunter2@db.example.org/ib"\n'
    )
    view = masked(parse(text))
    assert view["imap"][0]["password_command"] == "pass show mail/ib"
    assert view["imap"][0]["password"] is None
    assert view["smtp"]["oauth2_token_command"] == "tok --smtp"
    assert view["store"]["url"] == "postgresql+psycopg://ib:***@db.example.org/ib"
    assert "hunter2" not in json.dumps(view)
    assert view["source_path"] is None
    assert view["runtime"]["state_dir"] == "/srv/ib/var"


def test_find_config_path_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert find_config_path(None, env={}) is None
    local = tmp_path / "inboxbroker.toml"
    local.write_text("", encoding="utf-8")
    from_env = tmp_path / "env.toml"
    from_cli = tmp_path / "cli.toml"
    assert find_config_path(None, env={}) == local
    assert find_config_path(None, env={"INBOXBROKER_CONFIG": ""}) == local
    assert find_config_path(None, env={"INBOXBROKER_CONFIG": str(from_env)}) == from_env
    assert find_config_path("cli.toml", env={"INBOXBROKER_CONFIG": str(from_env)}) == from_cli
    # Named but missing: returned anyway, so `init` can create it and `load_config` can say it is missing.
    assert find_config_path(str(tmp_path / "new.toml"), env={}) == tmp_path / "new.toml"


def test_secret_from_environment() -> None:
    settings = parse(IMAP)
    assert imap_password(settings.imap[0], env={"IMAP_PW": SECRET}) == SECRET
    assert imap_oauth2_token(settings.imap[0], env={}) is None
    with pytest.raises(SecretError) as info:
        imap_password(settings.imap[0], env={})
    assert str(info.value) == (
        "imap.password_env: environment variable IMAP_PW is not set; export it where inboxbroker runs "
        "(cron and systemd do not read your shell profile) or use password_command"
    )


def test_secret_from_command_strips_one_newline() -> None:
    command = py(f"print({SECRET!r} + ' ')")
    account = parse(f'[imap]\nhost = "h"\nusername = "u"\npassword_command = {json.dumps(command)}').imap[0]
    assert imap_password(account) == SECRET + " "
    token = resolve_secret(
        "smtp", env_name=None, command=py("print('tok')"), plain=None, command_key="oauth2_token_command"
    )
    assert token == "tok"
    assert resolve_secret("smtp", env_name=None, command=None, plain=None) is None


def test_failing_command_says_it_failed_but_never_echoes_its_output(caplog: pytest.LogCaptureFixture) -> None:
    # A helper that fails may print the secret on either stream (a `pass` entry dumped with a warning):
    # what it printed reaches neither the error (cron logs) nor a log record.
    command = py(f"import sys; print({SECRET!r}); sys.stderr.write('\\n{SECRET}\\nmore\\n'); sys.exit(1)")
    account = parse(
        f'[[imap]]\nhost = "h"\nusername = "u"\npassword_env = "P"\n'
        f'[[imap]]\nhost = "h2"\nusername = "u"\npassword_command = {json.dumps(command)}'
    ).imap[1]
    with caplog.at_level(logging.DEBUG), pytest.raises(SecretError) as info:
        imap_password(account)
    assert str(info.value) == (
        "imap[1].password_command: password_command failed with exit code 1; run it by hand to see why "
        "(its output is not shown: it may hold the secret)"
    )
    assert info.value.__cause__ is None and info.value.__context__ is None
    assert SECRET not in str(info.value)
    assert SECRET not in caplog.text
    assert all(SECRET not in str(record.args) for record in caplog.records)


def test_command_timeout_kills_the_whole_process_group() -> None:
    # The grandchild holds the pipes open; only killing the group lets this return before the sleep ends.
    command = py(f"import subprocess; print({SECRET!r}, flush=True); subprocess.run(['sleep', '20'])")
    started = time.monotonic()
    with pytest.raises(SecretError) as info:
        resolve_secret("smtp", env_name=None, command=command, plain=None, timeout=0.5)
    assert time.monotonic() - started < 10
    assert str(info.value) == "smtp.password_command: password_command did not finish within 0.5 seconds"
    assert SECRET not in str(info.value)
    assert info.value.__suppress_context__


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (
            "/nonexistent/secret-helper --x",
            "smtp.password_command: password_command could not start "
            "'/nonexistent/secret-helper': No such file or directory",
        ),
        (py("pass"), "smtp.password_command: password_command printed nothing on stdout"),
        (
            py("import sys; sys.exit(3)"),
            "smtp.password_command: password_command failed with exit code 3; run it by hand to see why "
            "(its output is not shown: it may hold the secret)",
        ),
    ],
)
def test_command_failures(command: str, message: str) -> None:
    with pytest.raises(SecretError) as info:
        resolve_secret("smtp", env_name=None, command=command, plain=None)
    assert str(info.value) == message


def test_smtp_without_login_needs_no_secret() -> None:
    settings = parse(SMTP)
    assert settings.smtp is not None
    assert (settings.smtp.port, settings.smtp.security, settings.smtp.username) == (587, "starttls", None)
    assert smtp_password(settings.smtp, env={}) is None
    implicit_tls = parse(SMTP + 'security = "tls"').smtp
    assert implicit_tls is not None and implicit_tls.port == 465
