"""A real, throwaway Dovecot on 127.0.0.1 for IMAP tests and benchmarks.

``DovecotServer`` is a plain class (the benchmark uses it without pytest); the ``dovecot`` (session) and
``imap_server`` (one clean mailbox user per test) fixtures are thin wrappers around it. Outside CI a missing
Dovecot skips the test; in CI it fails (``require_service``).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import re
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest
from imapclient import IMAPClient

from support.corpus import require_service

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
DOVEADM = shutil.which("doveadm") or "/usr/bin/doveadm"
PASSWORD = "s3cret-test-pw"
# Login and mail processes refuse to run as root, so mail belongs to an unprivileged account.
MAIL_USER = "nobody"

# Dovecot 2.3 syntax (Debian 12). 2.4 (Debian 13) renamed much of it and refuses the old names: CONFIG_24.
CONFIG_23 = """\
# Written by tests/support/dovecot.py for one test session; everything lives in {root}.
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
# Tests fail logins on purpose; the default 2 s penalty would only slow them down.
auth_failure_delay = 0
# "/" as the hierarchy separator, as most servers present it (Maildir++ stores it as ".").
namespace inbox {{
  inbox = yes
  separator = /
  # SPECIAL-USE (RFC 6154), as real servers mark it: sending finds its Sent folder by this flag.
  mailbox Sent {{
    special_use = \\Sent
  }}
}}
mail_uid = {uid}
mail_gid = {gid}
first_valid_uid = {uid}
last_valid_uid = {uid}
first_valid_gid = {gid}
# Tests wait for IDLE announcements; poll the Maildir quickly in case inotify misses a change.
mailbox_idle_check_interval = 1 secs
imap_idle_notify_interval = 1 mins
# One connection per test is the norm, but the benchmark opens a few at once.
mail_max_userip_connections = 100
# Every user name logs in with the one test password: a fresh user (and Maildir) per test needs no reload.
# (A passwd-file is re-read at most once a second, which made just-added users fail to log in.)
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
service anvil {{
  # Failed logins are tested on purpose; anvil's per-IP auth penalty (2 s, 4 s, 8 s … on 127.0.0.1) would
  # slow every later login, so the auth process is kept from reaching the penalty socket.
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service stats {{
  # The stats writer would need its own socket permissions; tests do not read statistics.
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""

# The same server in Dovecot 2.4 syntax (doc.dovecot.org, "Upgrading Dovecot CE from 2.3 to 2.4"): the two
# version settings first, ssl_server_*_file paths (no "<"), auth_allow_cleartext, mail_driver + mail_path
# (the maildir driver's defaults put INBOX at the Maildir root with the Maildir++ layout, as 2.3 did), named
# passdb/userdb blocks with their own settings, %{user} for %u, and listeners that take the global listen.
CONFIG_24 = """\
dovecot_config_version = 2.4.0
dovecot_storage_version = 2.4.0
# Written by tests/support/dovecot.py for one test session; everything lives in {root}.
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
ssl = yes
ssl_server_cert_file = {root}/cert.pem
ssl_server_key_file = {root}/key.pem
auth_allow_cleartext = yes
auth_mechanisms = plain login
mail_driver = maildir
mail_path = ~/Maildir
# Tests fail logins on purpose; the default 2 s penalty would only slow them down.
auth_failure_delay = 0
# "/" as the hierarchy separator, as most servers present it (Maildir++ stores it as ".").
namespace inbox {{
  inbox = yes
  separator = /
  # SPECIAL-USE (RFC 6154), as real servers mark it: sending finds its Sent folder by this flag.
  mailbox Sent {{
    special_use = \\Sent
  }}
}}
mail_uid = {uid}
mail_gid = {gid}
first_valid_uid = {uid}
last_valid_uid = {uid}
first_valid_gid = {gid}
mailbox_idle_check_interval = 1 secs
imap_idle_notify_interval = 1 mins
mail_max_userip_connections = 100
# One password for every user name, so a fresh user (and Maildir) per test needs no reload.
passdb static {{
  password = {{PLAIN}}{password}
}}
userdb static {{
  fields {{
    uid = {uid}
    gid = {gid}
    home = {root}/home/%{{user}}
  }}
}}
service imap-login {{
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = {tls_port}
    ssl = yes
  }}
}}
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service stats {{
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""


def dovecot_version(binary: str = DOVECOT) -> tuple[int, int]:
    """(major, minor) from ``dovecot --version`` ("2.3.19.1 (9b53102964)", "2.4.1-4 (…)")."""
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True).stdout
    return parse_version(out)


def parse_version(text: str) -> tuple[int, int]:
    match = re.match(r"\s*(\d+)\.(\d+)", text)
    if match is None:
        raise RuntimeError(f"cannot read a Dovecot version from {text!r}")
    return int(match[1]), int(match[2])


def render_config(version: tuple[int, int], **values: object) -> str:
    """The throwaway server's config in the syntax ``version`` reads (2.4 changed it incompatibly)."""
    return (CONFIG_24 if version >= (2, 4) else CONFIG_23).format(**values)


def dovecot_available() -> bool:
    return Path(DOVECOT).exists() and Path(DOVEADM).exists() and shutil.which("openssl") is not None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, proc: subprocess.Popen[bytes], deadline: float) -> None:
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"dovecot exited with {proc.returncode} during start-up")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.02)
    raise RuntimeError(f"dovecot did not open port {port} in time")


@dataclass
class DovecotServer:
    """One Dovecot process with a temp config, Maildirs and a self-signed certificate.

    ``start()`` returns the server; ``user_for()`` hands out a fresh mailbox user so tests never share state.
    """

    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="inboxbroker-dovecot-")))
    host: str = "127.0.0.1"
    port: int = 0
    tls_port: int = 0
    process: subprocess.Popen[bytes] | None = None
    _users: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def config_path(self) -> Path:
        return self.root / "dovecot.conf"

    @property
    def cert_path(self) -> Path:
        return self.root / "cert.pem"

    def start(self, timeout: float = 10.0) -> DovecotServer:
        entry = pwd.getpwnam(MAIL_USER)
        # mkdtemp makes a 0700 directory; the mail processes (running as nobody) must traverse it.
        self.root.chmod(0o755)
        for sub in ("run", "state", "home"):
            (self.root / sub).mkdir(exist_ok=True)
        os.chown(self.root / "home", entry.pw_uid, entry.pw_gid)
        self._make_certificate()
        self.port, self.tls_port = _free_port(), _free_port()
        self.config_path.write_text(
            render_config(
                dovecot_version(),
                root=self.root,
                password=PASSWORD,
                uid=entry.pw_uid,
                gid=entry.pw_gid,
                port=self.port,
                tls_port=self.tls_port,
            )
        )
        self._launch(timeout)
        return self

    def _launch(self, timeout: float) -> None:
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.config_path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group, so stop() can end every child at once
        )
        try:
            deadline = time.monotonic() + timeout
            _wait_for_port(self.port, self.process, deadline)
            _wait_for_port(self.tls_port, self.process, deadline)
        except RuntimeError as exc:
            log = self.log_tail()
            self.stop()
            raise RuntimeError(f"{exc}\n{log}") from None

    def restart(self, down_seconds: float = 0.0, timeout: float = 10.0) -> None:
        """Stop the server (every connection cut, the mail kept on disk) and start it on the same ports."""
        self._end_process()
        time.sleep(down_seconds)
        self._launch(timeout)

    def _make_certificate(self) -> None:
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
             "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
             "-keyout", str(self.root / "key.pem"), "-out", str(self.cert_path)],
            check=True,
            capture_output=True,
        )  # fmt: skip

    def stop(self) -> None:
        self._end_process()
        shutil.rmtree(self.root, ignore_errors=True)

    def _end_process(self) -> None:
        proc, self.process = self.process, None
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if proc is not None and proc.stderr is not None:
            proc.stderr.close()

    def __enter__(self) -> DovecotServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join((self.root / "dovecot.log").read_text().splitlines()[-lines:])
        except OSError:
            return ""

    def user_for(self, name: str | None = None) -> Mailbox:
        """A user nobody has used yet, so its Maildir is empty (Dovecot creates it on first login)."""
        user = name or f"user{next(self._users)}"
        return Mailbox(server=self, user=user, password=PASSWORD)

    def doveadm(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [DOVEADM, "-c", str(self.config_path), *args], capture_output=True, text=True, check=False
        )


@dataclass
class Mailbox:
    """A test user on a running ``DovecotServer``, with helpers that go through a separate IMAP client."""

    server: DovecotServer
    user: str
    password: str

    @property
    def host(self) -> str:
        return self.server.host

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def tls_port(self) -> int:
        return self.server.tls_port

    @property
    def cert_path(self) -> Path:
        return self.server.cert_path

    @property
    def maildir(self) -> Path:
        return self.server.root / "home" / self.user / "Maildir"

    def client(self) -> IMAPClient:
        """A logged-in plaintext client on loopback; the caller closes it (use ``with``)."""
        client = IMAPClient(self.host, self.port, ssl=False, timeout=10)
        try:
            client.login(self.user, self.password)
        except Exception:
            client.shutdown()
            raise
        return client

    def append(
        self, folder: str, raw: bytes, flags: Iterable[str] = (), msg_time: datetime | None = None
    ) -> int:
        """APPEND one message and return its UID (from APPENDUID)."""
        with self.client() as client:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            response = client.append(folder, raw, flags=tuple(flags), msg_time=msg_time)
        # b"[APPENDUID <uidvalidity> <uid>] Append completed."
        return int(response.split(b"]")[0].split()[-1])

    def append_many(self, folder: str, raws: Sequence[bytes]) -> None:
        """APPEND many messages, a hundred per MULTIAPPEND command (thousands take seconds, not minutes)."""
        with self.client() as client:
            for start in range(0, len(raws), 100):
                client.multiappend(folder, list(raws[start : start + 100]))

    def account_toml(self, *, table: str = "[imap]", name: str | None = None, batch_size: int = 50) -> str:
        """This mailbox as an inboxbroker account table: plaintext on loopback, every message taken in (no
        first-run cutoff), the password from ``$TEST_IMAP_PASSWORD``."""
        named = f'name = "{name}"\n' if name else ""
        return (
            f'{table}\n{named}host = "{self.host}"\nport = {self.port}\nsecurity = "none"\ninsecure = true\n'
            f'username = "{self.user}"\npassword_env = "TEST_IMAP_PASSWORD"\nsince_days = 0\n'
            f"batch_size = {batch_size}\n"
        )

    def recreate_folder(self, name: str) -> None:
        """Delete and create ``name`` so the server hands out a new UIDVALIDITY (INBOX: drop its index)."""
        if name.upper() == "INBOX":
            # INBOX cannot be deleted; losing dovecot-uidlist and the index is what a server restore looks
            # like, and Dovecot answers it with a new UIDVALIDITY while the messages stay.
            # Keep dovecot-uidvalidity*: it makes the next UIDVALIDITY differ even within the same second.
            self.drop_connections()
            for pattern in ("dovecot-uidlist", "dovecot.index*", "dovecot.list.index*"):
                for path in self.maildir.glob(pattern):
                    path.unlink()
            return
        with self.client() as client:
            if client.folder_exists(name):
                client.delete_folder(name)
            client.create_folder(name)

    def drop_connections(self) -> None:
        """Cut every IMAP connection of this user, as a server restart or network failure would."""
        result = self.server.doveadm("kick", self.user)
        if result.returncode not in (0, 68):  # 68 = EX_NOUSER: nobody was connected
            raise RuntimeError(f"doveadm kick failed: {result.stderr.strip()}")
        # kick only signals the processes; wait until they are gone so callers see a settled server.
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            listing = self.server.doveadm("who", "-1", self.user).stdout.splitlines()[1:]
            if not any(line.split()[:1] == [self.user] for line in listing):
                return
            time.sleep(0.02)

    def flags(self, folder: str) -> dict[int, set[str]]:
        """UID → flag names in ``folder``, read through a second client without changing anything."""
        with self.client() as client:
            client.select_folder(folder, readonly=True)
            # imapclient 4 filters FETCH results by the ids it was given, so pass UIDs, not "1:*".
            data = client.fetch(client.search("ALL"), ["FLAGS"])
        return {uid: {f.decode() for f in item[b"FLAGS"]} for uid, item in data.items()}

    def uids(self, folder: str) -> list[int]:
        with self.client() as client:
            if not client.folder_exists(folder):
                return []
            client.select_folder(folder, readonly=True)
            return sorted(client.search("ALL"))

    def tls_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.cert_path))


@pytest.fixture(scope="session")
def dovecot() -> Iterator[DovecotServer]:
    require_service(dovecot_available(), f"Dovecot ({DOVECOT}) and openssl")
    with DovecotServer() as server:
        yield server


@pytest.fixture
def imap_server(dovecot: DovecotServer) -> Iterator[Mailbox]:
    mailbox = dovecot.user_for()
    yield mailbox
    # Leave no connection of this user behind for the next test's process accounting.
    mailbox.drop_connections()
