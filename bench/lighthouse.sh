#!/usr/bin/env bash
# Page speed, measured (a benchmark, not a test): Lighthouse 12 with Debian's Chromium on the
# home page, the dashboard of a user with realistic data, and a consultation's page, with
# Lighthouse's default mobile settings. Prints Performance, Accessibility and Best-practices
# scores, Largest Contentful Paint and total transfer size.
#   bench/lighthouse.sh        (builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --bin heard
(cd bench && npm ci --no-audit --no-fund --loglevel=error)
data=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
"$target/release/heard" --addr "127.0.0.1:$port" --data-dir "$data" --log warn &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$port"
seed=$(node bench/seed.mjs "$base")
cookie=$(node -e 'console.log(JSON.parse(process.argv[1]).cookie)' "$seed")
consultation=$(node -e 'console.log(JSON.parse(process.argv[1]).consultation)' "$seed")
headers=$(node -e 'console.log(JSON.stringify({Cookie: process.argv[1]}))' "$cookie")
flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
printf '%-28s %5s %5s %5s %8s %9s\n' page perf a11y best LCP transfer
for entry in "home|/|" "dashboard|/dashboard|auth" "consultation|/consultations/$consultation|auth" "questions|/consultations/$consultation/questions|auth"; do
  IFS='|' read -r label path auth <<<"$entry"
  extra=()
  [ -n "$auth" ] && extra=(--extra-headers="$headers")
  out="$data/$label.json"
  bench/node_modules/.bin/lighthouse "$base$path" --quiet --output=json --output-path="$out" \
    --chrome-path=/usr/bin/chromium --chrome-flags="$flags" --only-categories=performance,accessibility,best-practices \
    "${extra[@]}" >/dev/null 2>&1 || { echo "$label: lighthouse failed"; continue; }
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const s = (c) => Math.round(r.categories[c].score * 100);
    const lcp = r.audits["largest-contentful-paint"].numericValue / 1000;
    const bytes = r.audits["total-byte-weight"].numericValue;
    console.log(`${process.argv[2].padEnd(28)} ${String(s("performance")).padStart(5)} ${String(s("accessibility")).padStart(5)} ${String(s("best-practices")).padStart(5)} ${lcp.toFixed(2).padStart(7)}s ${(bytes / 1024).toFixed(1).padStart(7)}KB`);
  ' "$out" "$label"
done
