#!/usr/bin/env bash
# Starts Moat in the foreground for ../shared/bench/run.sh:
#   ../shared/bench/run.sh moat 9400 bench/harness-target.sh
# Uses the harness's PORT, UPSTREAM_BASE, UPSTREAM_STREAM_BASE and BENCH_KEY. Key authentication,
# decide, metering and recording (SQLite + write-ahead log) are all on, as in production.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MOAT="${MOAT_BIN:-$HERE/.venv/bin/moat}"
HOME_DIR="$(mktemp -d /tmp/moat-bench-XXXXXX)"
export MOAT_HOME="$HOME_DIR"
cat >"$HOME_DIR/moat.toml" <<TOML
log_level = "warning"

[[upstreams]]
name = "bench"
kind = "openai"
base_url = "${UPSTREAM_BASE}"

[[upstreams]]
name = "bench-stream"
kind = "openai"
base_url = "${UPSTREAM_STREAM_BASE}"

[[routes]]
model = "fake"
upstream = "bench"

[[routes]]
model = "fake-stream"
upstream = "bench-stream"
TOML
export MOAT_CONFIG="$HOME_DIR/moat.toml"
"$MOAT" accounts add bench --email bench@bench.example --plan api >/dev/null
"$MOAT" keys import --account bench --secret "${BENCH_KEY}" >/dev/null
exec "$MOAT" serve --port "${PORT}" ${MOAT_BENCH_ARGS:-}
