#!/usr/bin/env bash
# Makes sure what the tests talk to is there: Dovecot (installed from Debian's packages when we are
# root and it is missing; the tests start their own instance) and PostgreSQL on 127.0.0.1:5432.
set -euo pipefail

if ! command -v dovecot >/dev/null 2>&1 && [ ! -x /usr/sbin/dovecot ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing dovecot-imapd from Debian's packages..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd >/dev/null
  else
    echo "dovecot is not installed; install the dovecot-imapd package (the IMAP tests need it)." >&2
  fi
fi

if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  if [ "$(id -u)" = 0 ] && command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "Starting PostgreSQL..."
    for version in $(ls /etc/postgresql 2>/dev/null); do
      pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    done
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  else
    echo "PostgreSQL is not answering on 127.0.0.1:5432; the store's PostgreSQL tests need it." >&2
  fi
fi
