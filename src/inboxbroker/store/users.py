"""Accounts of the review web page: names, argon2id password hashes, and a short lockout after failures.

A password goes in, only its hash is written (argon2id with a random salt; the PHC string ``$argon2id$…``
carries its own parameters), and nothing here logs or returns it. ``verify`` is what a log-in calls: after
``MAX_FAILURES`` wrong passwords in a row the account is locked for ``LOCKOUT`` whatever is typed, and a
right password resets the count. An unknown name costs the same hashing work as a wrong password, so timing
does not tell which names exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Engine

from inboxbroker.errors import UserError
from inboxbroker.store import schema
from inboxbroker.store.audit import write_audit
from inboxbroker.store.session import reading, writing

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 8
MAX_PASSWORD = 1024  # hashing megabytes of "password" would be a cheap way to burn the server's CPU

_user = schema.table_of(schema.User)
_hasher = PasswordHasher()  # argon2id, the library's current (RFC 9106 low-memory) parameters
# Verified against when the name is unknown, so a miss takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


@dataclass(frozen=True)
class UserRow:
    name: str
    failed_logins: int
    locked_until: datetime | None
    last_login_at: datetime | None
    created_at: datetime

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "failed_logins": self.failed_logins,
            "locked_until": self.locked_until.isoformat() if self.locked_until else None,
            "last_login_at": self.last_login_at.isoformat() if self.last_login_at else None,
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True)
class Login:
    """The answer to a log-in: ``ok``, or why not (``locked_until`` is set while the account is locked)."""

    ok: bool
    name: str
    locked_until: datetime | None = None

    @property
    def locked(self) -> bool:
        return self.locked_until is not None


def check_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned or len(cleaned) > 255 or not cleaned.isprintable():
        raise UserError(f"{name!r} cannot be an account name: use 1 to 255 printable characters")
    return cleaned


def check_password(password: str) -> None:
    # The message never repeats the password: it may end up in a terminal's scrollback or a log.
    if len(password) < MIN_PASSWORD:
        raise UserError(f"the password is too short: use at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise UserError(f"the password is too long: use at most {MAX_PASSWORD} characters")


class UserStore:
    """The ``app_user`` table; ``Store.users`` hands one out. Every method is one transaction."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, name: str, password: str, *, actor: str = "command line") -> None:
        name = check_name(name)
        check_password(password)
        hashed = _hasher.hash(password)
        with writing(self._engine) as conn:
            if conn.execute(sa.select(_user.c.id).where(_user.c.name == name)).first() is not None:
                raise UserError(
                    f"there is already an account {name!r}; `inboxbroker users passwd` changes it"
                )
            conn.execute(_user.insert().values(name=name, password_hash=hashed, failed_logins=0))
            write_audit(conn, actor, "account added", "account", detail={"account": name})

    def users(self) -> list[UserRow]:
        u = _user.c
        query = sa.select(u.name, u.failed_logins, u.locked_until, u.last_login_at, u.created_at)
        with reading(self._engine) as conn:
            return [UserRow(*row) for row in conn.execute(query.order_by(u.name))]

    def remove(self, name: str, *, actor: str = "command line") -> None:
        with writing(self._engine) as conn:
            if conn.execute(_user.delete().where(_user.c.name == name)).rowcount != 1:
                raise UserError(f"no account {name!r}; `inboxbroker users list` shows them")
            write_audit(conn, actor, "account removed", "account", detail={"account": name})

    def set_password(self, name: str, password: str, *, actor: str = "command line") -> None:
        """A new password; it also lifts a lockout (an administrator chose to let them in)."""
        check_password(password)
        hashed = _hasher.hash(password)
        with writing(self._engine) as conn:
            done = conn.execute(
                _user.update()
                .where(_user.c.name == name)
                .values(password_hash=hashed, failed_logins=0, locked_until=None, updated_at=schema.utcnow())
            )
            if done.rowcount != 1:
                raise UserError(f"no account {name!r}; `inboxbroker users list` shows them")
            write_audit(conn, actor, "password set", "account", detail={"account": name})

    def verify(self, name: str, password: str, *, now: datetime | None = None) -> Login:
        """Check a log-in and record it: a success resets the failures, the MAX_FAILURES-th failure locks."""
        now = now or schema.utcnow()
        u = _user.c
        with writing(self._engine) as conn:
            row = conn.execute(sa.select(u.id, u.password_hash, u.locked_until).where(u.name == name)).first()
            if row is None or len(password) > MAX_PASSWORD:
                _matches(_DUMMY_HASH, password[:MAX_PASSWORD])
                return Login(False, name)
            if row.locked_until is not None and row.locked_until > now:
                return Login(False, name, row.locked_until)  # the password is not even looked at
            if _matches(row.password_hash, password):
                values: dict[str, object] = {"failed_logins": 0, "locked_until": None, "last_login_at": now}
                if _hasher.check_needs_rehash(row.password_hash):
                    values["password_hash"] = _hasher.hash(password)  # parameters raised since it was set
                conn.execute(_user.update().where(u.id == row.id).values(**values))
                return Login(True, name)
            # Counted in SQL so two failing log-ins at once both count.
            conn.execute(
                _user.update()
                .where(u.id == row.id)
                .values(failed_logins=u.failed_logins + 1, locked_until=None)
            )
            failures = conn.execute(sa.select(u.failed_logins).where(u.id == row.id)).scalar_one()
            if failures >= MAX_FAILURES:
                until = now + LOCKOUT
                conn.execute(_user.update().where(u.id == row.id).values(failed_logins=0, locked_until=until))
                return Login(False, name, until)
            return Login(False, name)


def _matches(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False
