"""SMTP adapter: the only importer of smtplib. ``check_connection`` for ``inboxbroker check``, ``SmtpOutbox`` to send.

Connecting (STARTTLS or implicit TLS, a password or an XOAUTH2 token) is shared by both. Failures leave as
our own errors, never as smtplib's, and never with the password or token in the text:

- ``SmtpConnectionError``: the server could not be reached or secured (exit 69); ``SmtpAuthError``: it refused
  the login (exit 2, the credentials to fix);
- ``SendTemporaryError``: a 4xx reply, a dropped connection or a timeout while sending one message (try later);
- ``SendRefusedError``: a 5xx reply to the sender, a recipient or the data (the server's code and words kept).

A message is handed over only when every recipient was accepted: a refused recipient resets the transaction
before DATA, so nothing is ever half-sent and a retry cannot reach anyone twice.
"""

from __future__ import annotations

import re
import smtplib
import ssl
from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING

from inboxbroker.errors import SendRefusedError, SendTemporaryError, SmtpAuthError, SmtpConnectionError

if TYPE_CHECKING:
    from inboxbroker.settings.config import SmtpSettings

_LEADING_DOT = re.compile(rb"^\.", re.MULTILINE)


def check_connection(smtp: SmtpSettings, password: str | None, token: str | None) -> str:
    """Connect, secure, authenticate and quit; returns what the server said about itself.

    Raises ``SmtpConnectionError`` or ``SmtpAuthError``: a refused login is a failure, whatever the
    mechanism (XOAUTH2 is sent as a raw AUTH command, whose reply smtplib would not check for us).
    """
    client, login = _open(smtp, password, token)
    try:
        # The EHLO reply's first line is the name the server gives itself ("localhost" on many): shown beside
        # the address dialled, which is what the user configured and may need to correct.
        greeting = (client.ehlo_resp or b"").decode(errors="replace").splitlines()
        said = f" ({greeting[0]})" if greeting and greeting[0] != smtp.host else ""
        return f"{smtp.host}:{smtp.port}{said}" + login
    finally:
        _quit(client)


def _open(smtp: SmtpSettings, password: str | None, token: str | None) -> tuple[smtplib.SMTP, str]:
    """A connected, secured and logged-in client, and a note on how it logged in."""
    where = f"{smtp.host}:{smtp.port}"
    hidden = [s for s in (password, token) if s]
    context = ssl.create_default_context()
    if smtp.insecure:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    client: smtplib.SMTP
    try:
        if smtp.security == "tls":
            client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout_seconds, context=context)
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_seconds)
    except (OSError, smtplib.SMTPException) as exc:  # ssl.SSLError is an OSError
        raise SmtpConnectionError(
            f"SMTP connection to {where} failed: {_scrub(exc, hidden)}; check smtp.host, smtp.port and "
            "smtp.security (usually 587 with 'starttls', 465 with 'tls')"
        ) from None
    try:
        try:
            client.ehlo()
            if smtp.security == "starttls":
                client.starttls(context=context)
                client.ehlo()
        except smtplib.SMTPNotSupportedError:
            raise SmtpConnectionError(
                f"{where} does not offer STARTTLS; use smtp.security = 'tls' (port 465)"
            ) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise SmtpConnectionError(
                f"SMTP connection to {where} failed while securing it: {_scrub(exc, hidden)}; "
                "check that smtp.port and smtp.security match"
            ) from None
        login = ""
        if smtp.username and token:
            _xoauth2(client, where, smtp.username, token)
            login = f"; logged in as {smtp.username} (XOAUTH2)"
        elif smtp.username and password:
            _password_login(client, where, smtp.username, password)
            login = f"; logged in as {smtp.username}"
    except BaseException:
        _quit(client)
        raise
    return client, login


def _quit(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except (OSError, smtplib.SMTPException):
        client.close()


class SmtpOutbox:
    """One SMTP session for the drafts of a run: connects on the first ``send``, and again after a failure.

    Use as a context manager (``close()`` on exit). The secrets are held only for reconnecting.
    """

    def __init__(self, smtp: SmtpSettings, password: str | None, token: str | None) -> None:
        self._smtp = smtp
        self._password = password
        self._token = token
        self._client: smtplib.SMTP | None = None

    @property
    def _where(self) -> str:
        return f"{self._smtp.host}:{self._smtp.port}"

    def connect(self) -> None:
        """Open the session now (``send`` does it when needed); raises SmtpConnectionError or SmtpAuthError."""
        if self._client is None:
            self._client, _ = _open(self._smtp, self._password, self._token)

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            _quit(client)

    def __enter__(self) -> SmtpOutbox:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def send(self, envelope_from: str, recipients: Sequence[str], message_bytes: bytes) -> str:
        """Hand ``message_bytes`` over unchanged (dot-stuffed on the wire only) to ``recipients``.

        Returns the server's reply to the data (often with its queue id). Raises ``SendTemporaryError``,
        ``SendRefusedError``, or ``SmtpConnectionError``/``SmtpAuthError`` when (re)connecting fails.
        """
        if not recipients:
            raise SendRefusedError("the draft has no recipients", code=None, reply="")
        self.connect()
        assert self._client is not None
        client = self._client
        handed_over = False
        try:
            options = self._mail_options(client, envelope_from, recipients, message_bytes)
            code, reply = client.mail(envelope_from, options)
            if code != 250:
                self._fail(client, f"the sender {envelope_from}", code, reply)
            refused = []
            for recipient in recipients:
                code, reply = client.rcpt(recipient)
                if code not in (250, 251):
                    refused.append((recipient, code, reply))
            if refused:
                # Refused for good if any is refused for good: a retry would not help that one.
                recipient, code, reply = max(refused, key=lambda item: item[1])
                self._fail(client, f"the recipient {recipient}", code, reply)
            code, reply = client.docmd("DATA")
            if code != 354:
                self._fail(client, "the message", code, reply)
            handed_over = True
            client.send(_wire(message_bytes))
            code, reply = client.getreply()
            if code != 250:
                self._fail(client, "the message", code, reply)
            return _text(reply)
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            # Only a drop after the data went out can hide an acceptance we never heard about.
            self._drop()
            stage = "after the message was handed over" if handed_over else "while sending"
            raise SendTemporaryError(
                f"the connection to {self._where} broke {stage}: {exc or type(exc).__name__}",
                maybe_delivered=handed_over,
            ) from None

    def _mail_options(
        self, client: smtplib.SMTP, sender: str, recipients: Sequence[str], message: bytes
    ) -> list[str]:
        options = []
        if not message.isascii():
            if not client.has_extn("8bitmime"):
                raise SendRefusedError(
                    f"{self._where} does not take 8-bit mail (no 8BITMIME) and the draft is not 7-bit",
                    code=None,
                    reply="",
                )
            options.append("BODY=8BITMIME")
        if not all(a.isascii() for a in (sender, *recipients)):
            if not client.has_extn("smtputf8"):
                raise SendRefusedError(
                    f"{self._where} does not take non-ASCII addresses (no SMTPUTF8)", code=None, reply=""
                )
            options.append("SMTPUTF8")
        return options

    def _fail(self, client: smtplib.SMTP, what: str, code: int, reply: bytes) -> None:
        words = _text(reply)
        if code == 421 or code < 400:
            self._drop()  # 421: the server is closing the session; anything else is not SMTP we understand
        else:
            try:
                client.rset()
            except (smtplib.SMTPException, OSError):
                self._drop()
        message = f"{self._where} answered {code} {words} to {what}"
        if 500 <= code < 600:
            raise SendRefusedError(message, code=code, reply=words)
        raise SendTemporaryError(message, code=code, reply=words)

    def _drop(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            client.close()


def _wire(message: bytes) -> bytes:
    """The DATA payload: lines starting with a dot get another (RFC 5321 §4.5.2), then the final dot."""
    payload = _LEADING_DOT.sub(b"..", message)
    if not payload.endswith(b"\r\n"):
        payload += b"\r\n"
    return payload + b".\r\n"


def _text(reply: bytes | str) -> str:
    text = reply.decode(errors="replace") if isinstance(reply, bytes) else reply
    return " ".join(text.split())


def _xoauth2(client: smtplib.SMTP, where: str, username: str, token: str) -> None:
    offered = client.esmtp_features.get("auth", "").upper().split()
    if "XOAUTH2" not in offered:
        raise SmtpAuthError(
            f"{where} does not offer XOAUTH2 (it offers {', '.join(offered) or 'no AUTH at all'}); "
            "check smtp.host, or use password_env or password_command instead of oauth2_token_command"
        )
    first = f"user={username}\x01auth=Bearer {token}\x01\x01"

    def respond(challenge: bytes | None = None) -> str:
        # A refused token is answered with a 334 carrying a JSON error (Gmail, Microsoft 365); the client
        # must send an empty line to get the final 535, which smtplib.auth then raises for.
        return first if challenge is None else ""

    try:
        client.auth("XOAUTH2", respond)
    except smtplib.SMTPAuthenticationError as exc:
        raise SmtpAuthError(
            f"{where} refused the XOAUTH2 login of {username!r}: {_reply(exc, [token])}. Check smtp.username "
            "and the token smtp.oauth2_token_command prints (expired? its scope must include SMTP)."
        ) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise SmtpConnectionError(
            f"SMTP connection to {where} failed while logging in: {_scrub(exc, [token])}"
        ) from None


def _password_login(client: smtplib.SMTP, where: str, username: str, password: str) -> None:
    try:
        client.login(username, password)
    except smtplib.SMTPAuthenticationError as exc:
        raise SmtpAuthError(
            f"{where} refused the login of {username!r}: {_reply(exc, [password])}. "
            "Check smtp.username and the password source (password_env or password_command)."
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise SmtpAuthError(
            f"{where} offers no login (AUTH); most servers offer it only after STARTTLS: check "
            "smtp.security, or leave out smtp.username for a relay without login"
        ) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise SmtpConnectionError(
            f"SMTP connection to {where} failed while logging in: {_scrub(exc, [password])}"
        ) from None


def _reply(exc: smtplib.SMTPResponseException, secrets: list[str]) -> str:
    text = (
        exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
    )
    return _hide(f"{exc.smtp_code} {' '.join(text.split())}", secrets)


def _scrub(exc: BaseException, secrets: list[str]) -> str:
    return _hide(str(exc) or type(exc).__name__, secrets)


def _hide(text: str, secrets: list[str]) -> str:
    # Servers echo little, but a misbehaving one may quote what it was sent.
    for secret in secrets:
        text = text.replace(secret, "***")
    return text
