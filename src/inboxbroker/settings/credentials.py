"""Fetch a password or token when connecting, never earlier, and never let it reach a log or an error.

Where a secret comes from is configuration (``password_env``, ``password_command``,
``oauth2_token_command`` or the opt-in ``password``); the secret itself is not (DESIGN §4 rule 8).
Failures raise ``SecretError`` naming the key to fix and what went wrong, never with the command's output:
a helper that fails may well print the secret (or part of a password store) on stdout or stderr.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import subprocess
from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from inboxbroker.errors import SecretError

if TYPE_CHECKING:
    from inboxbroker.settings.config import ImapAccount, SmtpSettings

COMMAND_TIMEOUT_SECONDS = 30.0


class _HasCredentials(Protocol):
    @property
    def key_path(self) -> str: ...
    @property
    def password_env(self) -> str | None: ...
    @property
    def password_command(self) -> str | None: ...
    @property
    def password(self) -> str | None: ...
    @property
    def oauth2_token_command(self) -> str | None: ...


def resolve_secret(
    owner_key: str,
    *,
    env_name: str | None,
    command: str | None,
    plain: str | None,
    env: Mapping[str, str] = os.environ,
    command_key: str = "password_command",
    timeout: float = COMMAND_TIMEOUT_SECONDS,
) -> str | None:
    """The secret for the section at ``owner_key`` (``"imap"``, ``"imap[1]"``, ``"smtp"``), or None.

    Tries the environment variable ``env_name``, then ``command`` (its key is ``owner_key.command_key``), then
    ``plain``. Raises ``SecretError`` when the chosen source cannot produce a secret.
    """
    if env_name:
        value = env.get(env_name)
        if not value:
            state = "is empty" if value == "" else "is not set"
            raise SecretError(
                f"{owner_key}.password_env",
                f"environment variable {env_name} {state}; export it where inboxbroker runs "
                "(cron and systemd do not read your shell profile) or use password_command",
            )
        return value
    if command:
        return run_secret_command(f"{owner_key}.{command_key}", command, timeout=timeout)
    return plain


def run_secret_command(key: str, command: str, *, timeout: float = COMMAND_TIMEOUT_SECONDS) -> str:
    """Run ``command`` (split like a shell would, but no shell); return its stdout minus one newline."""
    name = key.rsplit(".", 1)[-1]
    try:
        args = shlex.split(command)
    except ValueError as exc:
        raise SecretError(key, f"{name} cannot be split into words ({exc}); check the quotes") from None
    if not args:
        raise SecretError(key, f"{name} is empty")
    try:
        # Its own session, so a timeout can kill the whole process group (a shell script's children too);
        # no stdin, so a command that prompts fails instead of hanging a cron job. stderr is captured only to
        # be thrown away: inherited, it would land in the cron log, and it may hold the secret.
        proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:
        raise SecretError(key, f"{name} could not start {args[0]!r}: {exc.strerror}") from None
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc)
        # "from None": TimeoutExpired carries the partial output, which may be the secret.
        raise SecretError(key, f"{name} did not finish within {timeout:g} seconds") from None
    if proc.returncode != 0:
        # A negative code is Popen's way of saying a signal ended it.
        how = (
            f"was killed by signal {-proc.returncode}"
            if proc.returncode < 0
            else f"failed with exit code {proc.returncode}"
        )
        raise SecretError(
            key,
            f"{name} {how}; run it by hand to see why (its output is not shown: it may hold the secret)",
        )
    try:
        text = out.decode("utf-8")
    except UnicodeDecodeError:
        raise SecretError(key, f"{name} printed something that is not UTF-8 text") from None
    # Exactly one trailing newline is the command's line end; anything else may be part of the secret.
    text = text[:-2] if text.endswith("\r\n") else text[:-1] if text.endswith("\n") else text
    if not text:
        raise SecretError(key, f"{name} printed nothing on stdout")
    return text


def _kill(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    try:
        proc.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        # A grandchild that left the group still holds our pipes; stop waiting for it.
        for pipe in (proc.stdout, proc.stderr):
            if pipe is not None:
                pipe.close()
        proc.wait()


def password_for(owner: _HasCredentials, env: Mapping[str, str] = os.environ) -> str | None:
    return resolve_secret(
        owner.key_path,
        env_name=owner.password_env,
        command=owner.password_command,
        plain=owner.password,
        env=env,
    )


def oauth2_token_for(owner: _HasCredentials, env: Mapping[str, str] = os.environ) -> str | None:
    return resolve_secret(
        owner.key_path,
        env_name=None,
        command=owner.oauth2_token_command,
        plain=None,
        env=env,
        command_key="oauth2_token_command",
    )


def imap_password(account: ImapAccount, env: Mapping[str, str] = os.environ) -> str | None:
    """The account's password (from env, command or the opt-in plain value), or None when it uses OAuth 2."""
    return password_for(account, env)


def imap_oauth2_token(account: ImapAccount, env: Mapping[str, str] = os.environ) -> str | None:
    """A fresh XOAUTH2 access token from ``oauth2_token_command``, or None when none is configured."""
    return oauth2_token_for(account, env)


def smtp_password(smtp: SmtpSettings, env: Mapping[str, str] = os.environ) -> str | None:
    return password_for(smtp, env)


def smtp_oauth2_token(smtp: SmtpSettings, env: Mapping[str, str] = os.environ) -> str | None:
    return oauth2_token_for(smtp, env)
