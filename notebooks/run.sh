#!/usr/bin/env bash
# Executes the notebooks headlessly. First makes the run output they read, with small
# simulations of the built CLI jar (built if missing), into notebooks/data/. Executed copies go to
# notebooks/out/ (the committed notebooks stay without outputs). Exit 1 if any notebook fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$root/cli/target/mesocosm.jar"
data="$here/data"
start=$(date +%s)

say() { echo "notebooks/run: $*" >&2; }

if [ ! -s "$jar" ]; then
  say "building $jar"
  (cd "$root" && mvn -B -q -pl cli -am package -DskipTests)
fi
mesocosm() { java -jar "$jar" "$@"; }

# Every policy the jar has; with only one, compare it with a variant of itself.
mapfile -t policies < <(mesocosm policies | grep -E '^[a-z0-9-]+ ' | awk '{print $1}')
if [ "${#policies[@]}" -ge 2 ]; then list=$(IFS=,; echo "${policies[*]}"); else list="${policies[0]},${policies[0]}:interval=5s"; fi

rm -rf "$data"
mkdir -p "$data"
say "compare $list (60 nodes, 3 seeds)"
mesocosm compare --policies "$list" --nodes 60 --seeds 3 --max-time 3d --keep-runs --quiet --out "$data/compare" >/dev/null
say "sweep nodes x load (2 x 3 points, 3 seeds)"
mesocosm sweep --grid "nodes=40,80;load=0.5,0.7,0.9" --seeds 3 --max-time 3d --quiet --out "$data/sweep" >/dev/null
say "plan for the demand of 60 nodes"
mesocosm plan --policy drf --workload-nodes 60 --slo "job_completion_p95<20000s" --seeds 3 --max-time 3d \
  --min-nodes 20 --start-nodes 30 --max-nodes 240 --precision 0.1 --quiet --out "$data/plan" >/dev/null

mkdir -p "$here/out"
# The rapaio kernel now and then hangs while it starts (it binds its sockets, then never serves the
# shell channel); a healthy start takes seconds, so a start that times out is retried.
execute() {
  local nb="$1" log="$here/out/$(basename "$1" .ipynb).log"
  for attempt in 1 2 3; do
    if MESOCOSM_JAR="$jar" MESOCOSM_NB_DATA="$data" jupyter nbconvert --to notebook --execute \
        --ExecutePreprocessor.kernel_name=mesocosm-java --ExecutePreprocessor.timeout=300 \
        --ExecutePreprocessor.startup_timeout=60 --output-dir "$here/out" "$nb" >"$log" 2>&1; then
      return 0
    fi
    grep -q "Kernel didn't respond" "$log" || break
    say "kernel did not start (attempt $attempt); retrying"
  done
  say "FAILED: $(basename "$nb") (see ${log#"$root"/})"
  grep -v '^\[20' "$log" | tail -25 >&2
  return 1
}
status=0
for nb in "$here"/compare-policies.ipynb "$here"/capacity-planning.ipynb; do
  say "executing $(basename "$nb")"
  execute "$nb" || status=1
done
say "done in $(( $(date +%s) - start ))s"
exit $status
