#!/usr/bin/env bash
# Set up coursegen in .venv and build the site into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/coursegen build "$@"
