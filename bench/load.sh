#!/usr/bin/env bash
# Server throughput, measured (a benchmark, not a test). On loopback, one after the other:
#   1. the signed-in dashboard of a user with realistic data (consultations with questions, notes),
#   2. a page that only renders a template with no database (the signed-out home page: the
#      framework floor),
#   3. a static asset from the same server.
# Prints requests/s and p50/p99 latency for each, the dashboard-to-floor ratio, and the
# server's memory (RSS) before and after.   bench/load.sh [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
target="${CARGO_TARGET_DIR:-target}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk"; exit 1; }
cargo build --release --bin heard
data=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
"$target/release/heard" --addr "127.0.0.1:$port" --data-dir "$data" --log warn &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$port"
rss() { awk '/VmRSS/ {printf "%.1f MB", $2/1024}' "/proc/$server/status"; }
echo "seeding a user: ${SEED_CONSULTATIONS:-20} consultations with 6 questions each, ${SEED_NOTES:-10} notes, ${SEED_CONCERNS:-5} concerns with 3 events each, ${SEED_LETTERS:-30} letters"
seed=$(node bench/seed.mjs "$base")
cookie=$(node -e 'console.log(JSON.parse(process.argv[1]).cookie)' "$seed")
csrf_cookie="heard_csrf=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
css=$(curl -fs "$base/" | grep -o '/assets/heard\.[0-9a-f]*\.css')
curl -fs -H "Cookie: $cookie" "$base/dashboard" | grep -q "Your appointments" || { echo "the seeded dashboard did not load"; exit 1; }
echo "server RSS before: $(rss)"
# Prints "label rps p50_ms p99_ms" for one run; wrk's own summary is reduced to those figures.
run() { # label, path, cookie
  wrk -t2 -c"${CONNECTIONS:-16}" -d"${seconds}s" --latency -H "Cookie: $3" "$base$2" 2>/dev/null | awk -v label="$1" '
    function ms(v) { if (v ~ /us$/) { sub(/us/, "", v); return v / 1000 } if (v ~ /ms$/) { sub(/ms/, "", v); return v + 0 } sub(/s/, "", v); return v * 1000 }
    /Requests\/sec/ {rps=$2}
    /^ +50%/ {p50=ms($2)}
    /^ +99%/ {p99=ms($2)}
    /Non-2xx/ {bad=$NF}
    END {if (bad) {print "NON-2xx responses: " bad > "/dev/stderr"}; printf "%s %.0f %.3f %.3f\n", label, rps, p50, p99}'
}
results=$(mktemp)
run dashboard /dashboard "$cookie" >>"$results"
run floor / "$csrf_cookie" >>"$results"
run static "$css" "$csrf_cookie" >>"$results"
awk '{printf "%-10s %10.0f req/s   p50 %7.2f ms   p99 %7.2f ms\n", $1, $2, $3, $4}' "$results"
echo "server RSS after: $(rss)"
awk '$1 == "dashboard" {d=$2; dp=$4} $1 == "floor" {f=$2; fp=$4} END {
  printf "dashboard / floor: %.2f of the floor'"'"'s requests/s (aim: at least 0.15); p99 %.1f times the floor'"'"'s (aim: within 5)\n", d / f, dp / fp }' "$results"
rm -f "$results"
