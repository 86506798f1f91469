"""The test Dovecot's config in both syntaxes: 2.3 (Debian 12, started by every IMAP test) and 2.4 (Debian 13).

Only one Dovecot is installed on a machine, so the syntax the live tests do not start is checked here line by
line: a 2.4 server refuses every 2.3 name, and a config it refuses would fail the whole IMAP suite at once.
"""

from __future__ import annotations

import re

import pytest

from support.dovecot import parse_version, render_config

VALUES = {
    "root": "/tmp/ib-dovecot",
    "password": "pw",
    "uid": 65534,
    "gid": 65534,
    "port": 1143,
    "tls_port": 1993,
}


def settings(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@pytest.mark.parametrize(
    ("output", "version"),
    [("2.3.19.1 (9b53102964)\n", (2, 3)), ("2.4.1-4 (7d8c0e5759)\n", (2, 4)), ("2.4.0\n", (2, 4))],
)
def test_the_version_is_read_from_dovecot_version(output: str, version: tuple[int, int]) -> None:
    assert parse_version(output) == version


def test_2_4_config_opens_with_its_version_and_uses_the_new_names() -> None:
    lines = settings(render_config((2, 4), **VALUES))
    # 2.4 refuses to start unless dovecot_config_version is the first setting.
    assert lines[0] == "dovecot_config_version = 2.4.0"
    assert "dovecot_storage_version = 2.4.0" in lines
    for line in (
        "mail_driver = maildir",
        "mail_path = ~/Maildir",
        "ssl_server_cert_file = /tmp/ib-dovecot/cert.pem",
        "ssl_server_key_file = /tmp/ib-dovecot/key.pem",
        "auth_allow_cleartext = yes",
        "passdb static {",
        "password = {PLAIN}pw",
        "userdb static {",
        "home = /tmp/ib-dovecot/home/%{user}",
        "listen = 127.0.0.1",
        "port = 1143",
        "port = 1993",
    ):
        assert line in lines, line


def test_2_4_config_has_none_of_the_names_2_4_rejects() -> None:
    lines = settings(render_config((2, 4), **VALUES))
    names = {line.split(" =", 1)[0] for line in lines if " = " in line}
    # passdb/userdb "driver"/"args" became named blocks; inet_listener "address" is documented for 2.4 but
    # not implemented (the global listen applies).
    for gone in (
        "mail_location",
        "ssl_cert",
        "ssl_key",
        "disable_plaintext_auth",
        "driver",
        "args",
        "address",
    ):
        assert gone not in names, gone
    assert not re.search(r"%[a-z]\b", "\n".join(lines)), "2.4 dropped the one-letter %variables"


def test_2_3_config_keeps_the_syntax_the_live_tests_run() -> None:
    lines = settings(render_config((2, 3), **VALUES))
    assert "mail_location = maildir:~/Maildir" in lines
    assert "ssl_cert = </tmp/ib-dovecot/cert.pem" in lines
    assert not [line for line in lines if line.startswith("dovecot_")]


def test_both_syntaxes_configure_the_same_server() -> None:
    # Blocks balance and every value the tests rely on appears in each.
    for version in ((2, 3), (2, 4)):
        text = render_config(version, **VALUES)
        assert text.count("{") - text.count("%{") == text.count("}") - text.count("%{")
        for needle in (
            "separator = /",
            "auth_failure_delay = 0",
            "mail_max_userip_connections = 100",
            "ssl = yes",
        ):
            assert needle in text, (version, needle)
