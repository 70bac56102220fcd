#!/usr/bin/env bash
# Throughput of the gateway with the default bundle against a bundle with no rules, alternated
# (ABAB...) on one core so that drift hits both alike. Needs wrk and nginx (../shared/bench/setup.sh).
#   bench/policy_overhead.sh [ROUNDS] [DURATION]
# Besides req/s it prints the gateway's CPU µs per request (utime + stime of its process over the
# measured run): on a VM whose neighbours steal cycles, that moves much less than req/s.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="$HERE/../shared/bench"
ROUNDS=${1:-3}; DURATION=${2:-8}
OUT=$(mktemp -d /tmp/moat-policy-overhead-XXXXXX)
mkdir -p "$OUT/up/logs" "$OUT/up/tmp"
taskset -c 1 nginx -p "$OUT/up" -c "$SHARED/upstream.nginx.conf" -g 'daemon off;' >/dev/null 2>&1 &
UP=$!
trap 'kill $UP 2>/dev/null; pkill -f "moat serve --port 9400"' EXIT
sleep 1
export PORT=9400 UPSTREAM_BASE=http://127.0.0.1:9100/v1 UPSTREAM_STREAM_BASE=http://127.0.0.1:9100/stream/v1
export BENCH_KEY=sk-bench-1234
TICK_US=$((1000000 / $(getconf CLK_TCK)))
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# load MODEL [STREAM] -> "rps cpu_us_per_request" for the gateway process $PID
load() {
  local before after out rps n
  before=$(cpu_ticks "$PID")
  out=$(BENCH_MODEL=$1 BENCH_STREAM=${2:-} taskset -c 1 wrk -t2 -c32 -d"${DURATION}s" -s "$SHARED/post.lua" \
        http://127.0.0.1:9400/v1/chat/completions)
  after=$(cpu_ticks "$PID")
  rps=$(sed -n 's/.*BENCH_RESULT rps=\([0-9.]*\).*/\1/p' <<<"$out")
  n=$(sed -n 's/.*BENCH_RESULT.* requests=\([0-9]*\).*/\1/p' <<<"$out")
  echo "$rps $(( (after - before) * TICK_US / (n > 0 ? n : 1) ))"
}
printf "round\tpolicy\tnonstream_rps\tnonstream_cpu_us\tstream_rps\tstream_cpu_us\n"
for round in $(seq "$ROUNDS"); do
  for policy in default none; do
    MOAT_BENCH_POLICY=$policy taskset -c 0 setsid "$HERE/bench/harness-target.sh" >"$OUT/moat-$policy.log" 2>&1 &
    for _ in $(seq 100); do curl -sf localhost:9400/readyz >/dev/null && break; sleep 0.1; done
    PID=$(pgrep -f "moat serve --port 9400" | head -1)
    BENCH_MODEL=fake taskset -c 1 wrk -t2 -c32 -d2s -s "$SHARED/post.lua" http://127.0.0.1:9400/v1/chat/completions >/dev/null
    read -r ns ns_cpu < <(load fake)
    read -r st st_cpu < <(load fake-stream 1)
    printf "%s\t%s\t%s\t%s\t%s\t%s\n" "$round" "$policy" "$ns" "$ns_cpu" "$st" "$st_cpu"
    pkill -f "moat serve --port 9400"; sleep 1
  done
done
