#!/usr/bin/env bash
# A/B of Moat's CPU per request and latency: two source trees side by side, rounds interleaved,
# so the drift of a shared machine hits both alike (issue 12, speed).
#
#   bench/ab_cpu.sh NAME=SRC_DIR [NAME=SRC_DIR ...]
#   e.g. bench/ab_cpu.sh base=bench/out/base/src new=src
#
# Each tree is started by bench/harness-target.sh (default bundle, SQLite + write-ahead log), with
# PYTHONPATH=SRC_DIR, pinned to GATEWAY_CPU; wrk and the shared harness's fake upstream (nginx, on
# its own port so a concurrent harness run is not disturbed) share LOAD_CPU. CPU is the Moat process
# group's utime+stime from /proc over the run, divided by the requests wrk completed.
# Knobs: ROUNDS=3 DURATION=10 PROBE_DURATION=5 CONNS=32 MODES="nonstream stream c1" UP_PORT=19100
#        BASE_PORT=19400 GATEWAY_CPU=0 LOAD_CPU=1 OUTDIR=bench/out/ab-<ts> MOAT_BENCH_POLICY=default
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED=${SHARED:-/work/shared/bench}
VENV=${VENV:-/work/main/.venv}
ROUNDS=${ROUNDS:-3}; DURATION=${DURATION:-10}; PROBE_DURATION=${PROBE_DURATION:-5}; CONNS=${CONNS:-32}
MODES=${MODES:-"nonstream stream c1"}; UP_PORT=${UP_PORT:-19100}; BASE_PORT=${BASE_PORT:-19400}
GATEWAY_CPU=${GATEWAY_CPU:-0}; LOAD_CPU=${LOAD_CPU:-1}
OUTDIR=${OUTDIR:-$HERE/bench/out/ab-$(date -u +%Y%m%dT%H%M%SZ)}
export BENCH_KEY=${BENCH_KEY:-sk-bench-1234}
CLK_TCK=$(getconf CLK_TCK)
mkdir -p "$OUTDIR"
SIDS=()
cleanup() {
  local sid
  for sid in "${SIDS[@]}"; do kill -TERM -- "-$sid" 2>/dev/null; done
  sleep 1
  for sid in "${SIDS[@]}"; do kill -KILL -- "-$sid" 2>/dev/null; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
group_ticks() {
  local p t=0 st
  for p in $(ps -o pid= -s "$1" 2>/dev/null); do
    st=$(cut -d' ' -f14-17 "/proc/$p/stat" 2>/dev/null) || continue
    set -- $st; t=$((t + ${1:-0} + ${2:-0} + ${3:-0} + ${4:-0}))
  done
  echo "$t"
}

mkdir -p "$OUTDIR/upstream/logs" "$OUTDIR/upstream/tmp"
sed "s/127.0.0.1:9100/127.0.0.1:$UP_PORT/" "$SHARED/upstream.nginx.conf" >"$OUTDIR/upstream.conf"
taskset -c "$LOAD_CPU" setsid nginx -p "$OUTDIR/upstream" -c "$OUTDIR/upstream.conf" -g 'daemon off;' \
  >"$OUTDIR/upstream.out" 2>&1 </dev/null &
SIDS+=($!)

NAMES=(); declare -A PORT SID
i=0
for spec in "$@"; do
  name=${spec%%=*}; src=$(cd "${spec#*=}" && pwd)
  port=$((BASE_PORT + i)); i=$((i + 1))
  taskset -c "$GATEWAY_CPU" setsid env PYTHONPATH="$src" PORT="$port" MOAT_BIN="$VENV/bin/moat" \
    UPSTREAM_BASE="http://127.0.0.1:$UP_PORT/v1" UPSTREAM_STREAM_BASE="http://127.0.0.1:$UP_PORT/stream/v1" \
    bash "$HERE/bench/harness-target.sh" >"$OUTDIR/$name.out" 2>&1 </dev/null &
  SIDS+=($!); SID[$name]=$!; PORT[$name]=$port; NAMES+=("$name")
done
for name in "${NAMES[@]}"; do
  for _ in $(seq 1 300); do port_open "${PORT[$name]}" && break; sleep 0.2; done
  port_open "${PORT[$name]}" || { echo "$name did not start:"; tail -20 "$OUTDIR/$name.out"; exit 1; }
  BENCH_MODEL=fake BENCH_CHECK=0 taskset -c "$LOAD_CPU" wrk -t2 -c"$CONNS" -d3s -s "$SHARED/post.lua" \
    "http://127.0.0.1:${PORT[$name]}/v1/chat/completions" >/dev/null 2>&1
done

printf 'round\tname\tmode\trps\tp50_ms\tp99_ms\trequests\tbad\tcpu_ms_per_req\tload1\n' >"$OUTDIR/results.tsv"
for mode in $MODES; do
  for r in $(seq 1 "$ROUNDS"); do
    for name in "${NAMES[@]}"; do
      model=fake; st=0; c=$CONNS; t=2; d=$DURATION
      case $mode in stream) model=fake-stream; st=1 ;; c1) c=1; t=1; d=$PROBE_DURATION ;; esac
      before=$(group_ticks "${SID[$name]}")
      line=$(BENCH_MODEL=$model BENCH_STREAM=$st taskset -c "$LOAD_CPU" wrk -t"$t" -c"$c" -d"${d}s" --latency \
             -s "$SHARED/post.lua" "http://127.0.0.1:${PORT[$name]}/v1/chat/completions" 2>&1 | grep '^BENCH_RESULT')
      after=$(group_ticks "${SID[$name]}")
      echo "$line" | awk -v r="$r" -v n="$name" -v m="$mode" -v dt=$((after - before)) -v hz="$CLK_TCK" \
        -v la="$(cut -d' ' -f1 /proc/loadavg)" '{
        for(i=2;i<=NF;i++){split($i,a,"="); v[a[1]]=a[2]}
        printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.3f\t%s\n", r,n,m,v["rps"],v["p50_ms"],v["p99_ms"],v["requests"],
          v["bad_body"]+v["non2xx"], dt*1000/hz/v["requests"], la}' | tee -a "$OUTDIR/results.tsv"
    done
  done
done
"$VENV/bin/python" - "$OUTDIR/results.tsv" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print("\nmedian over rounds:\nmode\tname\tcpu_ms/req\tp50_ms\trps")
for mode in dict.fromkeys(r["mode"] for r in rows):
    for name in dict.fromkeys(r["name"] for r in rows):
        sel = [r for r in rows if r["mode"] == mode and r["name"] == name]
        if sel:
            med = lambda k: statistics.median(float(r[k]) for r in sel)
            print(f"{mode}\t{name}\t{med('cpu_ms_per_req'):.3f}\t{med('p50_ms'):.3f}\t{med('rps'):.0f}")
PY
echo "raw: $OUTDIR"
