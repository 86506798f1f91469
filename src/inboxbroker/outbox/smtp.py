"""SMTP adapter: the only importer of smtplib. For now it only checks the connection (``inboxbroker check``).

Sending approved drafts arrives with the review wave; it will live here too. Failures leave as
``SmtpConnectionError`` (the server could not be reached or dropped us) or ``SmtpAuthError`` (it answered and
refused the login), never as smtplib's own exceptions, and never with the password or token in the text.
"""

from __future__ import annotations

import smtplib
import ssl
from typing import TYPE_CHECKING

from inboxbroker.errors import SmtpAuthError, SmtpConnectionError

if TYPE_CHECKING:
    from inboxbroker.settings.config import SmtpSettings


def check_connection(smtp: SmtpSettings, password: str | None, token: str | None) -> str:
    """Connect, secure, authenticate and quit; returns what the server said about itself.

    Raises ``SmtpConnectionError`` or ``SmtpAuthError``: a refused login is a failure, whatever the
    mechanism (XOAUTH2 is sent as a raw AUTH command, whose reply smtplib would not check for us).
    """
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
        greeting = (client.ehlo_resp or b"").decode(errors="replace").splitlines()
        return (greeting[0] if greeting else where) + login
    finally:
        try:
            client.quit()
        except (OSError, smtplib.SMTPException):
            client.close()


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
