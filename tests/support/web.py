"""What the review page's tests share: a ledger with drafts made by the real drafting stage, and hostile mail.

The hostile request carries markup, a template expression, CR/LF and a path in every field a page shows —
subject, sender name, body and attachment filename — so a test can follow them from raw mail to the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inboxbroker.settings.config import Settings
from inboxbroker.store.ledger import Store
from support.mailgen import request_message

USER = "coordinator"
PASSWORD = "correct horse battery staple"
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
TEMPLATE = "{{ 7*7 }}"
PATH = "../../etc/passwd"
HOSTILE_NAME = f"{SCRIPT} {IMG}"


def hostile_request() -> bytes:
    """A direct interview request whose every shown field is an attack; the drafting stage answers it."""
    return (
        b"From: =?utf-8?q?=3Cscript=3Ealert(1)=3C/script=3E_=22=3E=3Cimg_src=3Dx_onerror=3Dalert(1)=3E?=\r\n"
        b" <mallory@example.net>\r\n"
        b"To: interviews@example.org\r\n"
        b"Subject: =?utf-8?q?Coffee_chat_=3Cscript=3Ealert(1)=3C/script=3E=0D=0ABcc:_victim@example.org"
        b"_{{_7*7_}}_../../etc/passwd?=\r\n"
        b"Message-ID: <hostile-web@example.net>\r\nDate: Tue, 01 Dec 2026 09:00:00 +0000\r\n"
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Hello,\r\n\r\nI am a student of data engineering and would love a 20 minute informational interview"
        b' about your analytics team.\r\n<script>alert(1)</script>\r\n"><img src=x onerror=alert(1)>\r\n'
        b"{{ 7*7 }} ../../etc/passwd\r\n\r\nThanks,\r\nMallory\r\n"
        b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Disposition: attachment;\r\n"
        b" filename*=utf-8''..%2F..%2Fetc%2Fpasswd%0D%0A%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%3E%3Cimg%20src%3Dx%3E.txt\r\n"
        b"\r\nroot:x:0:0:root:/root:/bin/bash\r\n"
        b"--b--\r\n"
    )


def fill_ledger(settings: Settings, tmp_path: Path, extra: dict[str, bytes] | None = None) -> None:
    """Draft replies to three plain requests, one forwarded by an interviewer and the hostile one."""
    from test_drafting import forwarded_by_rachel, run_folder, write_mail

    mail = {f"r{n}.eml": request_message(n) for n in range(3)}
    mail |= {"fwd.eml": forwarded_by_rachel(7), "hostile.eml": hostile_request(), **(extra or {})}
    run_folder(settings, write_mail(tmp_path / "in", mail))
    with Store.open(settings.store.url) as store:
        store.users.add(USER, PASSWORD)


def hostile_draft(store: Store) -> Any:
    """The draft answering the hostile request."""
    return next(d for d in store.drafts.drafts() if "mallory" in " ".join(d.to))
