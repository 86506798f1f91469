"""SMTP adapter: the only importer of smtplib. For now it only checks the connection (``inboxbroker check``).

Sending approved drafts arrives with the review wave; it will live here too.
"""

from __future__ import annotations

import smtplib
import ssl
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from inboxbroker.settings.config import SmtpSettings


def check_connection(smtp: SmtpSettings, password: str | None, token: str | None) -> str:
    """Connect, secure, authenticate and quit; returns what the server said about itself."""
    context = ssl.create_default_context()
    if smtp.insecure:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    client: smtplib.SMTP
    if smtp.security == "tls":
        client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout_seconds, context=context)
    else:
        client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_seconds)
    try:
        client.ehlo()
        if smtp.security == "starttls":
            client.starttls(context=context)
            client.ehlo()
        if smtp.username and token:
            import base64

            auth = f"user={smtp.username}\x01auth=Bearer {token}\x01\x01"
            client.docmd("AUTH", "XOAUTH2 " + base64.b64encode(auth.encode()).decode())
        elif smtp.username and password:
            client.login(smtp.username, password)
        return (client.ehlo_resp or b"").decode(errors="replace").splitlines()[0]
    finally:
        try:
            client.quit()
        except smtplib.SMTPException:
            client.close()
