#!/usr/bin/env bash
# How trustworthy is the gate on this machine? (bench/README.md, "How noisy, measured")
#
#   bench/gate-experiment.sh unchanged N [PARALLEL]  gate the unchanged build N times against
#                                                    bench/baseline.json, PARALLEL at a time
#   bench/gate-experiment.sh slowed                  probe benchmark: a baseline at normal speed,
#                                                    then gates of a 1.5x and a 2x slowed probe
#
# Logs and JSON go to ${GATE_EXPERIMENT_DIR:-/tmp/mesocosm-gate-experiment}; the last line of each
# log says passed/FAILED. Parallel runs ignore JMH's machine-wide lock (they are each other's load).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${GATE_EXPERIMENT_DIR:-/tmp/mesocosm-gate-experiment}"
mkdir -p "$dir"
tol="${BENCH_TOLERANCE:-10%}"
probe='org.mesocosm.bench.GateProbeBench.holdOperation'

gate_once() { # $1 = run number
  local t0=$SECONDS status=0
  MESOCOSM_BENCH_JAVA_OPTS="-Djmh.ignoreLock=true" ./mesocosm bench gate --baseline bench/baseline.json \
    --tolerance "$tol" --out "$dir/unchanged-$1.json" >"$dir/unchanged-$1.txt" 2>"$dir/unchanged-$1.log" || status=$?
  echo "run $1: exit $status, $((SECONDS - t0)) s, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$dir/unchanged-summary.txt"
}

case "${1:-}" in
  unchanged)
    n="${2:?how many runs}"; par="${3:-1}"
    ./mesocosm bench --help >/dev/null # builds the bench jar once, before runs start in parallel
    for ((i = 1; i <= n; i += par)); do
      for ((j = i; j < i + par && j <= n; j++)); do gate_once "$j" & done
      wait
    done
    grep -h "gate:" "$dir"/unchanged-*.txt | sort | uniq -c ;;
  slowed)
    ./mesocosm bench --help >/dev/null
    java -Djmh.ignoreLock=true -cp bench/target/benchmarks.jar org.mesocosm.bench.BenchMain --quick --only "$probe" \
      --out "$dir/probe-base.json" 2>"$dir/probe-base.log"
    for s in 1.5 2; do
      java -Djmh.ignoreLock=true "-Dmesocosm.bench.slowdown=$s" -cp bench/target/benchmarks.jar org.mesocosm.bench.BenchMain \
        --quick --only "$probe" --out "$dir/probe-$s.json" 2>"$dir/probe-$s.log"
      MESOCOSM_BENCH_JAVA_OPTS="-Djmh.ignoreLock=true -Dmesocosm.bench.slowdown=$s" ./mesocosm bench gate \
        --baseline "$dir/probe-base.json" --current "$dir/probe-$s.json" --tolerance "$tol" \
        >"$dir/probe-$s.txt" 2>>"$dir/probe-$s.log" || true
      echo "slowdown $s:"; cat "$dir/probe-$s.txt"
    done ;;
  *) sed -n '2,12p' "$0"; exit 2 ;;
esac
