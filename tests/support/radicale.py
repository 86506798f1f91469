"""A real, throwaway Radicale CalDAV server on 127.0.0.1 for invite and busy-calendar tests.

``RadicaleServer`` is a plain class (a benchmark can use it without pytest); the ``radicale`` fixture starts
one per session, ``radicale_url`` is its base URL and ``radicale_calendar`` a fresh, empty calendar of the
user "coordinator" per test. Radicale runs as ``python -m radicale`` with a config written into a temp dir:
storage there, no authentication (any user name logs in as itself) and owner-only rights. Outside CI a
missing Radicale skips the test; in CI it fails (``require_service``).
"""

from __future__ import annotations

import contextlib
import http.client
import importlib.util
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from support.corpus import require_service

USER, PASSWORD = "coordinator", "x"  # [auth] type = none takes any password

CONFIG = """\
# Written by tests/support/radicale.py for one test session; everything lives in {root}.
[server]
hosts = 127.0.0.1:{port}
[auth]
type = none
# Radicale waits after a refused request to slow password guessing; tests only lose time to it.
delay = 0
[rights]
type = owner_only
[storage]
filesystem_folder = {root}/collections
[web]
type = none
[logging]
level = warning
"""


def radicale_available() -> bool:
    return importlib.util.find_spec("radicale") is not None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RadicaleServer:
    """One Radicale process with its config, collections and log in a temp dir."""

    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="inboxbroker-radicale-")))
    host: str = "127.0.0.1"
    port: int = 0
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    @property
    def log_path(self) -> Path:
        return self.root / "radicale.log"

    def start(self, timeout: float = 15.0) -> RadicaleServer:
        self.port = _free_port()
        config = self.root / "config"
        config.write_text(CONFIG.format(root=self.root, port=self.port))
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "radicale", "--config", str(config)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            self._wait_until_it_answers(time.monotonic() + timeout)
        except RuntimeError as exc:
            log_text = self.log_tail()
            self.stop()
            raise RuntimeError(f"{exc}\n{log_text}") from None
        return self

    def _wait_until_it_answers(self, deadline: float) -> None:
        """Until an HTTP request gets any answer: an open port alone may still be Radicale starting up."""
        assert self.process is not None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"radicale exited with {self.process.returncode} during start-up")
            with contextlib.suppress(OSError, http.client.HTTPException):
                conn = http.client.HTTPConnection(self.host, self.port, timeout=1)
                try:
                    conn.request("OPTIONS", "/")
                    conn.getresponse().read()
                    return
                finally:
                    conn.close()
            time.sleep(0.05)
        raise RuntimeError(f"radicale did not answer on port {self.port} in time")

    def stop(self) -> None:
        proc, self.process = self.process, None
        if proc is not None and proc.poll() is None:
            proc.terminate()  # by its own pid: Radicale has no children to leave behind
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def client(self, username: str = USER) -> Any:
        """A caldav client logged in as ``username`` (the caller closes it, or uses ``with``)."""
        import caldav

        return caldav.DAVClient(self.url, username=username, password=PASSWORD)

    def __enter__(self) -> RadicaleServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@pytest.fixture(scope="session")
def radicale() -> Iterator[RadicaleServer]:
    require_service(radicale_available(), "Radicale (pip install radicale)")
    with RadicaleServer() as server:
        yield server


@pytest.fixture(scope="session")
def radicale_url(radicale: RadicaleServer) -> str:
    return radicale.url


@pytest.fixture
def radicale_calendar(radicale: RadicaleServer) -> Iterator[Any]:
    """A new, empty calendar of the user "coordinator"; deleted after the test."""
    with radicale.client() as client:
        calendar = client.principal().make_calendar(name="test calendar", cal_id=f"t-{uuid.uuid4().hex}")
        yield calendar
        calendar.delete()
