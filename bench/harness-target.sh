#!/usr/bin/env bash
# Starts Moat in the foreground for ../shared/bench/run.sh:
#   ../shared/bench/run.sh moat 9400 bench/harness-target.sh
# Uses the harness's PORT, UPSTREAM_BASE, UPSTREAM_STREAM_BASE and BENCH_KEY. Key authentication,
# decide, metering and recording (SQLite + write-ahead log) are all on, as in production.
#   MOAT_BENCH_POLICY=default  the shipped default bundle, its limits checked on every request (the
#                              plan's rates raised so the load is measured, not refused)
#   MOAT_BENCH_POLICY=none     a bundle with no rules: decide runs, no limit is checked
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MOAT="${MOAT_BIN:-$HERE/.venv/bin/moat}"
HOME_DIR="$(mktemp -d /tmp/moat-bench-XXXXXX)"
export MOAT_HOME="$HOME_DIR"
POLICY_DIR="$HOME_DIR/policies"
mkdir -p "$POLICY_DIR"
if [ "${MOAT_BENCH_POLICY:-default}" = none ]; then
  echo "rules: []" >"$POLICY_DIR/empty.yaml"
else
  DEFAULT_DIR="$("$(dirname "$MOAT")/python" -c 'import moat.policy, pathlib; print(pathlib.Path(moat.policy.__file__).parent / "default")')"
  for f in "$DEFAULT_DIR"/*.yaml; do
    case "$f" in *_test.yaml) ;; *) cp "$f" "$POLICY_DIR/" ;; esac
  done
  # the api plan's limits, raised a thousandfold so that the load is measured rather than refused
  sed -i -E '/name: plan_api/,/concurrency/ s/(requests_per_minute|tokens_per_minute|concurrency): ([0-9]+)/\1: \2000/g' \
    "$POLICY_DIR/plans.yaml"
fi
cat >"$HOME_DIR/moat.toml" <<TOML
log_level = "warning"
policy_dir = "$POLICY_DIR"

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
