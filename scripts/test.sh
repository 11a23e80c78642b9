#!/usr/bin/env bash
# Install what the tests need and run the whole suite.
#   - the package with its test extras (pip, from PyPI)
#   - libodbc2 and libvirtodbc0 (ODBC, for `publish --sql`) when missing
#   - OpenLink Virtuoso from Debian's package virtuoso-opensource-7 when it is
#     missing; the tests start their own server on loopback with a temporary
#     database and stop it, so the package's own service is kept from starting.
#   - Debian's chromium and the Thai font fonts-thai-tlwg when missing: the
#     web face's browser tests drive /usr/bin/chromium through Playwright.
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'

if ! command -v virtuoso-t >/dev/null 2>&1; then
    as_root=""
    [ "$(id -u)" -eq 0 ] || as_root="sudo"
    # policy-rc.d exit 101 keeps the package's service from starting on install.
    policy=/usr/sbin/policy-rc.d
    had_policy=0
    [ -e "$policy" ] && had_policy=1
    if [ "$had_policy" -eq 0 ]; then
        printf '#!/bin/sh\nexit 101\n' | $as_root tee "$policy" >/dev/null
        $as_root chmod +x "$policy"
    fi
    $as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends virtuoso-opensource-7 >/dev/null
    [ "$had_policy" -eq 1 ] || $as_root rm -f "$policy"
    command -v virtuoso-t >/dev/null 2>&1 || {
        echo "scripts/test.sh: virtuoso-t still missing after installing virtuoso-opensource-7" >&2
        exit 1
    }
fi

missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
dpkg -s fonts-thai-tlwg >/dev/null 2>&1 || missing="$missing fonts-thai-tlwg"
# `publish --sql` talks to Virtuoso through ODBC: the driver manager and Virtuoso's driver.
dpkg -s libodbc2 >/dev/null 2>&1 || missing="$missing libodbc2"
dpkg -s libvirtodbc0 >/dev/null 2>&1 || missing="$missing libvirtodbc0"
if [ -n "$missing" ]; then
    as_root=""
    [ "$(id -u)" -eq 0 ] || as_root="sudo"
    $as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

python3 -m pytest "$@"
