"""IMAP source: the only module that imports imapclient.

One job: speak IMAP for the runner — connect securely, report UIDVALIDITY/UIDNEXT, fetch new mail by UID
in bounded batches with BODY.PEEK[] (never setting \\Seen, DESIGN §4.1), apply flag/move actions in as few
commands as possible, and wait in IDLE. It takes plain values (``ImapParams``, not the config module)
and raises only ``errors.SourceError`` subclasses; it knows nothing of the config file, ledger or pipeline.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import ssl
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from types import TracebackType
from typing import Any, Literal

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, LoginError

from inboxbroker.errors import ImapAuthError, ImapConnectionError, SourceError
from inboxbroker.wording import plural

log = logging.getLogger(__name__)

Security = Literal["tls", "starttls", "none"]
SECURITIES: frozenset[str] = frozenset({"tls", "starttls", "none"})
# Dovecot's default command-line limit is 64 KiB and some servers allow far less; ~8 KB is safe everywhere.
MAX_UID_SET_CHARS = 8000
# An empty IDLE wake-up that returns this fast, several times in a row, means the socket is at EOF.
_SPURIOUS_WAKE_SECONDS = 0.01
_SPURIOUS_WAKE_LIMIT = 5


@dataclass(frozen=True)
class ImapParams:
    """Connection parameters as plain values; secrets are kept out of ``repr`` so they never reach a log."""

    host: str
    port: int = 993
    security: Security = "tls"
    insecure: bool = False
    ca_file: str | None = None
    username: str = ""
    password: str | None = field(default=None, repr=False)
    oauth2_token: str | None = field(default=None, repr=False)
    timeout: float = 60.0


@dataclass(frozen=True)
class FolderStatus:
    """What SELECT said about a folder: the cursor is keyed on ``uidvalidity`` (DESIGN §4.2)."""

    uidvalidity: int
    uidnext: int
    exists: int


@dataclass(frozen=True)
class Fetched:
    """One message as the server stores it: its UID, exact bytes and INTERNALDATE (timezone-aware)."""

    uid: int
    raw: bytes
    internaldate: datetime | None


def parse_action(spec: str) -> tuple[str, str | None]:
    """Split an action spec into (kind, argument): ``none``, ``flag:KEYWORD`` or ``move:FOLDER``."""
    kind, _, argument = spec.partition(":")
    if kind == "none" and not argument:
        return "none", None
    if kind in ("flag", "move") and argument:
        return kind, argument
    raise ValueError(f"unknown IMAP action {spec!r}; use 'none', 'flag:KEYWORD' or 'move:FOLDER'")


def uid_sets(uids: Iterable[int], max_chars: int = MAX_UID_SET_CHARS) -> list[list[str]]:
    """Compact UIDs into ranges (``1:500,502``), split so each command line stays under ``max_chars``.

    Only runs of consecutive UIDs become ranges, so a range never names a UID that was not asked for.
    """
    ordered = sorted(set(uids))
    ranges: list[str] = []
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        ranges.append(str(ordered[i]) if i == j else f"{ordered[i]}:{ordered[j]}")
        i = j + 1
    chunks: list[list[str]] = []
    size = 0
    for item in ranges:
        if not chunks or size + len(item) + 1 > max_chars:
            chunks.append([])
            size = 0
        chunks[-1].append(item)
        size += len(item) + 1
    return chunks


class ImapMailbox:
    """One IMAP connection to one account. Use as a context manager; ``connect()`` is called on entry.

    ``allow_move=False`` makes moves use COPY + \\Deleted + UID EXPUNGE even when the server offers MOVE.
    """

    def __init__(self, params: ImapParams, *, allow_move: bool = True) -> None:
        self._params = params
        self._allow_move = allow_move
        self._client: IMAPClient | None = None
        self._dead = False
        self._folder: str | None = None

    # -- connection

    @property
    def _where(self) -> str:
        return f"{self._params.host}:{self._params.port}"

    def connect(self) -> ImapMailbox:
        p = self._params
        if p.security not in SECURITIES:
            raise ImapConnectionError(f"imap.security is {p.security!r}; use 'tls', 'starttls' or 'none'")
        if p.security == "none" and not p.insecure:
            raise ImapConnectionError(
                f"refusing to log in to {self._where} without TLS: the password would travel in plain text. "
                "Use imap.security = 'tls' (port 993) or 'starttls' (port 143), or set imap.insecure = true "
                "for a local test server."
            )
        if p.password is None and p.oauth2_token is None:
            raise ImapAuthError(f"no password or OAuth2 token for {p.username!r} on {self._where}")
        context = self._ssl_context() if p.security != "none" else None
        self._dead = False
        with self._guard("connecting"):
            self._client = IMAPClient(
                p.host, p.port, ssl=p.security == "tls", ssl_context=context, timeout=p.timeout
            )
        try:
            client = self._client
            # Aware datetimes: INTERNALDATE keeps the server's offset instead of becoming naive local time.
            client.normalise_times = False
            if p.security == "starttls":
                with self._guard("starting TLS"):
                    if not client.has_capability("STARTTLS"):
                        raise ImapConnectionError(
                            f"{self._where} does not offer STARTTLS; use imap.security = 'tls' (port 993)"
                        )
                    client.starttls(context)
            with self._guard("logging in"):
                if p.oauth2_token is not None:
                    client.oauth2_login(p.username, p.oauth2_token)
                else:
                    client.login(p.username, p.password or "")
        except BaseException:
            self.close()
            raise
        log.info("connected to %s as %s (%s)", self._where, p.username, p.security)
        return self

    def _ssl_context(self) -> ssl.SSLContext:
        p = self._params
        try:
            context = ssl.create_default_context(cafile=p.ca_file)
        except (OSError, ssl.SSLError) as exc:
            raise ImapConnectionError(f"cannot load imap.ca_file {p.ca_file!r}: {exc}") from None
        if p.insecure:
            # insecure = true is for test servers with self-signed certificates: encrypt, but trust anyone.
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context

    def close(self) -> None:
        """Log out; on a dead or half-open connection just drop the socket. Never raises."""
        client, self._client, self._folder = self._client, None, None
        if client is None:
            return
        if not self._dead:
            try:
                client.logout()
                return
            except Exception as exc:  # the connection was already gone: nothing left to tell the server
                log.debug("IMAP logout from %s failed: %s", self._where, exc)
        with contextlib.suppress(Exception):
            client.shutdown()

    def __enter__(self) -> ImapMailbox:
        if self._client is None:
            self.connect()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextlib.contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        """Turn imapclient, socket and TLS failures into our errors, with the fix and without the password."""
        try:
            yield
        except SourceError:
            raise
        except LoginError as exc:
            reason = self._scrub(exc).rstrip(".")
            raise ImapAuthError(
                f"{self._where} rejected the login of {self._params.username!r}: {reason}. "
                "Check imap.username and the password (or the OAuth2 token and its scope)."
            ) from None
        except ssl.SSLCertVerificationError as exc:
            self._dead = True
            raise ImapConnectionError(
                f"cannot verify the TLS certificate of {self._where}: {exc.verify_message}. "
                "Set imap.ca_file to the CA that signed it, or imap.insecure = true for a test server."
            ) from None
        except ssl.SSLError as exc:
            self._dead = True
            raise ImapConnectionError(
                f"TLS with {self._where} failed while {action}: {exc}. Check that imap.port and "
                "imap.security match (usually 993 with 'tls', 143 with 'starttls')."
            ) from None
        except (IMAPClientAbortError, OSError) as exc:
            # imaplib's abort covers BYE and EOF; OSError covers refusals, resets and timeouts.
            self._dead = True
            reason = self._scrub(exc) or type(exc).__name__
            hint = "; check imap.host and imap.port" if action == "connecting" else ""
            raise ImapConnectionError(
                f"IMAP connection to {self._where} failed while {action}: {reason}{hint}"
            ) from None
        except IMAPClientError as exc:
            raise SourceError(f"{self._where} refused {action}: {self._scrub(exc)}") from None

    def _scrub(self, exc: BaseException) -> str:
        text = str(exc)
        if text.startswith(("b'", 'b"')) and text[-1:] == text[1]:  # imaplib passes server text as bytes
            text = text[2:-1]
        for secret in (self._params.password, self._params.oauth2_token):
            if secret:
                text = text.replace(secret, "***")
        return text

    def _live(self) -> IMAPClient:
        if self._client is None or self._dead:
            raise ImapConnectionError(f"not connected to {self._where}; connect() again")
        return self._client

    # -- reading

    @property
    def capabilities(self) -> frozenset[str]:
        client = self._live()
        with self._guard("listing capabilities"):
            return frozenset(c.decode("ascii", "replace").upper() for c in client.capabilities())

    def select(self, folder: str) -> FolderStatus:
        client = self._live()
        with self._guard(f"selecting folder {folder!r}"):
            info = client.select_folder(folder, readonly=False)
            uidnext = info.get(b"UIDNEXT")
            if uidnext is None:  # optional in IMAP4rev1; STATUS always has it
                uidnext = client.folder_status(folder, [b"UIDNEXT"])[b"UIDNEXT"]
        self._folder = folder
        return FolderStatus(
            uidvalidity=int(info[b"UIDVALIDITY"]), uidnext=int(uidnext), exists=int(info.get(b"EXISTS", 0))
        )

    def fetch_new(
        self, after_uid: int, *, since: date | None = None, batch_size: int = 200
    ) -> Iterator[list[Fetched]]:
        """Yield the messages with UID > ``after_uid`` (and INTERNALDATE on/after ``since``), batch by batch.

        Memory is bounded by one batch. Messages expunged between SEARCH and FETCH are skipped.
        """
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        client = self._selected()
        criteria: list[Any] = ["UID", f"{after_uid + 1}:*"]
        if since is not None:
            criteria += ["SINCE", since]
        with self._guard("searching for new mail"):
            found = client.search(criteria)
        # "UID n:*" always matches the highest UID even when it is below n (RFC 3501 §6.4.8): filter it out.
        uids = sorted(uid for uid in found if uid > after_uid)
        for start in range(0, len(uids), batch_size):
            chunk = uids[start : start + batch_size]
            with self._guard(f"fetching {plural(len(chunk), 'message')}"):
                # A list of ints, not a range: imapclient 4 keeps only results whose id it was given.
                data = client.fetch(chunk, ["BODY.PEEK[]", "INTERNALDATE"])
            batch = [_fetched(uid, data[uid]) for uid in chunk if uid in data and b"BODY[]" in data[uid]]
            if batch:
                yield batch

    def _selected(self) -> IMAPClient:
        client = self._live()
        if self._folder is None:
            raise SourceError("no folder selected; call select(folder) first")
        return client

    # -- changing the mailbox (only after the ledger commit, DESIGN §4.1)

    def apply_actions(self, actions: Mapping[str, Sequence[int]]) -> None:
        """Apply ``{"flag:$Done": uids, "move:Archive": uids, "none": uids}`` with one command per target.

        Flags go first because a move retires the UIDs in this folder.
        """
        flags: dict[str, set[int]] = {}
        moves: dict[str, set[int]] = {}
        for spec, spec_uids in actions.items():
            kind, target = parse_action(spec)
            if kind != "none" and spec_uids:
                (flags if kind == "flag" else moves).setdefault(str(target), set()).update(spec_uids)
        if not flags and not moves:
            return
        client = self._selected()
        for keyword, uids in flags.items():
            with self._guard(f"flagging {plural(len(uids), 'message')} {keyword}"):
                for uid_set in uid_sets(uids):
                    client.add_flags(uid_set, [keyword], silent=True)
        moved: set[int] = set()
        for folder, uids in moves.items():
            todo = uids - moved  # a UID can only leave once
            if todo:
                self._move(client, sorted(todo), folder)
                moved |= todo

    def _move(self, client: IMAPClient, uids: list[int], folder: str) -> None:
        caps = self.capabilities
        with self._guard(f"moving {plural(len(uids), 'message')} to {folder!r}"):
            for uid_set in uid_sets(uids):
                try:
                    self._transfer(client, caps, uid_set, folder)
                except IMAPClientError as exc:
                    # Create the folder only when the server says it is missing ([TRYCREATE], RFC 3501
                    # §6.4.7): checking first would cost a LIST round trip on every call.
                    if "TRYCREATE" not in str(exc).upper():
                        raise
                    with contextlib.suppress(IMAPClientError):  # another client may have just created it
                        client.create_folder(folder)
                    self._transfer(client, caps, uid_set, folder)

    def _transfer(self, client: IMAPClient, caps: frozenset[str], uid_set: list[str], folder: str) -> None:
        if self._allow_move and "MOVE" in caps:
            client.move(uid_set, folder)
            return
        client.copy(uid_set, folder)
        client.add_flags(uid_set, [b"\\Deleted"], silent=True)
        if "UIDPLUS" in caps:
            client.uid_expunge(uid_set)
        else:
            # A plain EXPUNGE would also remove messages someone else marked \Deleted; leave ours marked
            # (the UID cursor has moved past them) rather than destroy other people's mail.
            log.warning("%s lacks UIDPLUS; copied messages stay marked \\Deleted in the source", self._where)

    # -- the Sent folder (exactly-once sending, DESIGN §4.5)

    def special_folder(self, flag: str = "\\Sent") -> str | None:
        """The folder the server marks with the SPECIAL-USE ``flag`` (RFC 6154) in LIST, or None.

        No guessing by name: a wrong guess here would make the Sent check look in the wrong place.
        """
        client = self._live()
        wanted = flag.encode("ascii").lower()
        with self._guard(f"listing folders for {flag}"):
            for flags, _, name in client.list_folders():
                if any(f.lower() == wanted for f in flags):
                    return str(name)
        return None

    def find_message_id(self, folder: str, message_id: str) -> list[int]:
        """UIDs of the messages in ``folder`` whose Message-ID header is exactly ``message_id``.

        SEARCH HEADER matches substrings, so each hit's header is read back and compared. The folder is
        selected read-only; a missing folder holds nothing.
        """
        client = self._live()
        with self._guard(f"searching {folder!r} for a Message-ID"):
            if not client.folder_exists(folder):
                return []
            client.select_folder(folder, readonly=True)
            self._folder = folder
            hits = client.search(["HEADER", "Message-ID", message_id])
            if not hits:
                return []
            data = client.fetch(list(hits), ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
        wanted = message_id.strip().lower()
        found = []
        for uid, item in data.items():
            raw = next((v for k, v in item.items() if k.startswith(b"BODY[HEADER")), b"")
            value = bytes(raw).decode("ascii", "replace").partition(":")[2]
            if " ".join(value.split()).lower() == wanted:
                found.append(int(uid))
        return sorted(found)

    def append(self, folder: str, flags: Sequence[str], date: datetime | None, raw: bytes) -> int | None:
        """APPEND ``raw`` to ``folder`` (created when the server says it is missing); its UID when told."""
        client = self._live()
        with self._guard(f"appending to {folder!r}"):
            try:
                response = client.append(folder, raw, flags=tuple(flags), msg_time=date)
            except IMAPClientError as exc:
                if "TRYCREATE" not in str(exc).upper():
                    raise
                with contextlib.suppress(IMAPClientError):  # another client may have just created it
                    client.create_folder(folder)
                response = client.append(folder, raw, flags=tuple(flags), msg_time=date)
        # b"[APPENDUID <uidvalidity> <uid>] …" (UIDPLUS); servers without it say less.
        text = bytes(response or b"").decode("ascii", "replace")
        if text.upper().startswith("[APPENDUID "):
            with contextlib.suppress(ValueError, IndexError):
                return int(text.split("]")[0].split()[2])
        return None

    # -- waiting

    def noop(self) -> None:
        client = self._live()
        with self._guard("sending NOOP"):
            client.noop()

    def interrupt(self) -> None:
        """From another thread: end the connection so a blocked ``idle_wait``/fetch raises at once (shutdown).

        Only the socket is shut down here; the owning thread still calls ``close()``.
        """
        self._dead = True
        client = self._client
        if client is not None:
            with contextlib.suppress(OSError):
                client.socket().shutdown(socket.SHUT_RDWR)

    def idle_wait(self, timeout: float) -> bool:
        """IDLE up to ``timeout`` seconds; True as soon as the server announces new mail (EXISTS/RECENT)."""
        client = self._selected()
        announced = False
        with self._guard("waiting in IDLE"):
            client.idle()
            try:
                deadline = time.monotonic() + timeout
                spurious = 0
                while not announced and (remaining := deadline - time.monotonic()) > 0:
                    started = time.monotonic()
                    responses = client.idle_check(timeout=remaining)
                    announced = _announces_mail(responses)
                    fast_and_empty = not responses and time.monotonic() - started < _SPURIOUS_WAKE_SECONDS
                    spurious = spurious + 1 if fast_and_empty else 0
                    # imapclient swallows EOF in idle_check: an interrupt() or a silent close ends up here.
                    if self._dead or spurious >= _SPURIOUS_WAKE_LIMIT:
                        raise IMAPClientAbortError("connection closed during IDLE")
            except BaseException:
                self._dead = True
                raise
            _, late = client.idle_done()
        return announced or _announces_mail(late)


def _announces_mail(responses: Sequence[Any]) -> bool:
    for response in responses:
        if not isinstance(response, tuple) or len(response) < 2:
            continue
        if response[0] == b"BYE":
            raise IMAPClientAbortError("server said BYE during IDLE")
        if isinstance(response[0], int) and response[1] in (b"EXISTS", b"RECENT") and response[0] > 0:
            return True
    return False


def _fetched(uid: int, item: Mapping[bytes, Any]) -> Fetched:
    internaldate = item.get(b"INTERNALDATE")
    return Fetched(
        uid=uid,
        raw=bytes(item[b"BODY[]"]),
        internaldate=internaldate if isinstance(internaldate, datetime) else None,
    )
