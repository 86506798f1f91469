#!/usr/bin/env bash
# Makes sure what `make test` needs is there, on a fresh Debian as root: Debian's packages that are missing
# (one `apt-get update`, one install) and PostgreSQL answering on 127.0.0.1:5432. Not root, or not Debian:
# says what is missing and leaves it to you (outside CI the tests that need it skip).
#
#   scripts/ensure-services.sh          everything the tests need
#   scripts/ensure-services.sh venv     only what `python3 -m venv` needs (make demo)
set -euo pipefail

PYTHON=${PYTHON:-python3}
missing=()
# Debian's python3 leaves out ensurepip, without which `python3 -m venv` cannot create .venv.
"$PYTHON" -c "import ensurepip" >/dev/null 2>&1 || missing+=(python3-venv)
if [ "${1:-}" != venv ]; then
  # The tests start their own Dovecot, with a throwaway certificate made by openssl.
  [ -x /usr/sbin/dovecot ] || command -v dovecot >/dev/null 2>&1 || missing+=(dovecot-imapd)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  # The review page is tested in headless Chromium (Playwright with executablePath=/usr/bin/chromium).
  [ -x /usr/bin/chromium ] || missing+=(chromium)
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing[*]} from Debian's packages..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "missing: ${missing[*]}; install them (apt-get install ${missing[*]})." >&2
  fi
fi
[ "${1:-}" = venv ] && exit 0

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
