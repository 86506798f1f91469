"""``check``'s SMTP login against a real aiosmtpd server on 127.0.0.1 that offers XOAUTH2 and a password login.

The server answers a refused token the way Gmail and Microsoft 365 do (a 334 with a JSON error, then 535
once the client sends an empty line) or with a plain 535; either way the check must fail, never say "ok".
"""

from __future__ import annotations

import base64
import json
import os
import shlex
import socket
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

from inboxbroker.errors import SmtpAuthError, SmtpConnectionError
from inboxbroker.outbox.smtp import check_connection
from inboxbroker.settings.config import SmtpSettings, parse_config

GOOD_TOKEN = "ya29.good-token-1"
BAD_TOKEN = "ya29.expired-token-2"
PASSWORD = "smtp-Pa55word"
USER = "interviews@example.org"


@dataclass
class OAuthHandler:
    """Accepts GOOD_TOKEN for USER; refuses anything else, Gmail-style (334 + JSON) or with a bare 535."""

    gmail_style: bool = True
    seen: list[str] = field(default_factory=list)

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:
        blob = base64.b64decode(args[1]).decode() if len(args) > 1 else ""
        self.seen.append(blob)
        if blob == f"user={USER}\x01auth=Bearer {GOOD_TOKEN}\x01\x01":
            return AuthResult(success=True, auth_data=USER)
        if self.gmail_style:
            error = json.dumps({"status": "401", "schemes": "Bearer", "scope": "https://mail.google.com/"})
            await server.challenge_auth(error)  # the client's empty answer ends the exchange
        # handled=False: aiosmtpd sends this reply itself (handled=True would mean "already answered").
        return AuthResult(
            success=False, handled=False, message="535 5.7.8 Username and Password not accepted"
        )

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        return "250 OK"


def password_authenticator(
    server: SMTP, session: object, envelope: object, mechanism: str, data: Any
) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (USER.encode(), PASSWORD.encode())
    return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(handler: OAuthHandler) -> Iterator[int]:
    port = free_port()
    # Loopback only: AUTH without TLS is what auth_require_tls=False allows, for tests.
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        auth_require_tls=False,
        authenticator=password_authenticator,
    )
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


@pytest.fixture(params=["gmail-style", "plain-535"])
def oauth_server(request: pytest.FixtureRequest) -> Iterator[tuple[int, OAuthHandler]]:
    handler = OAuthHandler(gmail_style=request.param == "gmail-style")
    for port in serve(handler):
        yield port, handler


def settings(port: int, **extra: str) -> SmtpSettings:
    lines = "".join(f"{key} = {json.dumps(value)}\n" for key, value in extra.items())
    text = (
        f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\ninsecure = true\n'
        f'from = "Interview Programme <{USER}>"\ntimeout_seconds = 10\n{lines}'
    )
    smtp = parse_config(tomllib.loads(text), Path("/srv/ib")).smtp
    assert smtp is not None
    return smtp


def test_an_accepted_xoauth2_token_is_ok(oauth_server: tuple[int, OAuthHandler]) -> None:
    port, handler = oauth_server
    smtp = settings(port, username=USER, oauth2_token_command="unused")
    assert check_connection(smtp, None, GOOD_TOKEN).endswith(f"logged in as {USER} (XOAUTH2)")
    assert handler.seen == [f"user={USER}\x01auth=Bearer {GOOD_TOKEN}\x01\x01"]


def test_a_refused_xoauth2_token_fails_the_check(oauth_server: tuple[int, OAuthHandler]) -> None:
    port, _ = oauth_server
    smtp = settings(port, username=USER, oauth2_token_command="unused")
    with pytest.raises(SmtpAuthError) as info:
        check_connection(smtp, None, BAD_TOKEN)
    message = str(info.value)
    assert message.startswith(f"127.0.0.1:{port} refused the XOAUTH2 login of {USER!r}: 535 5.7.8")
    assert "oauth2_token_command" in message
    assert BAD_TOKEN not in message


def test_a_password_login_is_checked_too(oauth_server: tuple[int, OAuthHandler]) -> None:
    port, _ = oauth_server
    smtp = settings(port, username=USER, password_env="SMTP_PW")
    said = check_connection(smtp, PASSWORD, None)
    assert said.startswith(f"{smtp.host}:{smtp.port}") and said.endswith(f"logged in as {USER}")
    with pytest.raises(SmtpAuthError, match="refused the login") as info:
        check_connection(smtp, "wrong-Pa55", None)
    assert "wrong-Pa55" not in str(info.value)


def test_a_closed_port_is_a_connection_error() -> None:
    port = free_port()
    with pytest.raises(SmtpConnectionError, match=f"SMTP connection to 127.0.0.1:{port} failed") as info:
        check_connection(settings(port), None, None)
    assert info.value.exit_code == 69


def test_inboxbroker_check_reports_the_refused_and_the_accepted_token(tmp_path: Path) -> None:
    handler = OAuthHandler()
    for port in serve(handler):
        lines = {}
        for name, token in (("bad", BAD_TOKEN), ("good", GOOD_TOKEN)):
            command = shlex.join([sys.executable, "-c", f"print({token!r})"])
            config = tmp_path / f"{name}.toml"
            config.write_text(
                f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\ninsecure = true\n'
                f'username = "{USER}"\noauth2_token_command = {json.dumps(command)}\n'
                f'from = "Interview Programme <{USER}>"\n\n'
                f'[store]\nurl = "sqlite:///{tmp_path / "ledger.sqlite3"}"\n'
            )
            env = {k: v for k, v in os.environ.items() if k != "INBOXBROKER_CONFIG"}
            result = subprocess.run(
                [sys.executable, "-m", "inboxbroker", "--config", str(config), "check"],
                capture_output=True,
                text=True,
                cwd=tmp_path,
                env=env,
                timeout=60,
            )
            assert result.returncode == 1  # no [imap] account: check always fails here
            lines[name] = [line for line in result.stdout.splitlines() if "] smtp" in line]
    assert lines["bad"][0].startswith(f"[FAIL] smtp: 127.0.0.1:{port} refused the XOAUTH2 login")
    assert lines["good"][0].startswith("[ok  ] smtp: ")
    assert lines["good"][0].endswith(f"logged in as {USER} (XOAUTH2)")
