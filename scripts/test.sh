#!/usr/bin/env bash
# Set up everything the tests need (Python packages in .venv, Debian's
# Chromium and a Chinese font for the browser tests) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
# Chromium for the browser tests, and a Chinese font: without one every
# Chinese character is a box and layout measurements mean nothing.
packages=""
[ -x /usr/bin/chromium ] || packages="chromium"
fc-list :lang=zh 2>/dev/null | grep -q . || packages="$packages fonts-noto-cjk"
if [ -n "$packages" ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $packages >/dev/null
fi
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
# zensical too: the browser tests of the widgets and search run under both engines.
.venv/bin/python -m pip install --quiet -e ".[test,zensical]"
# One test process per core (pytest-xdist); PYTEST_WORKERS=0 runs everything in this process.
NO_MKDOCS_2_WARNING=1 .venv/bin/python -m pytest -n "${PYTEST_WORKERS:-auto}" "$@"
