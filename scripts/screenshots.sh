#!/usr/bin/env bash
# Regenerates screenshots/ (phone and desktop) by running the browser suite against a fresh
# Heard. Needs Debian's Chromium (apt-get install chromium) and Node 20.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
cargo build --bin heard
(cd browser-tests && npm ci --no-audit --no-fund --loglevel=error)
HEARD_BIN="$target/debug/heard" node browser-tests/run.mjs --require-browser --update-screenshots
