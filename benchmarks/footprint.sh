#!/usr/bin/env bash
# footprint.sh - memory and startup of the five services under different JVM option sets (issue 9).
#
# Against a running local stack (./careline up with the benchmark realm, benchmarks/README.md), for each round and
# each option set (their order reversed every other round, so drift and other builds hit every set alike):
#   1. restarts the services one at a time with the set's options: stop, wait until the old PID has exited, start
#      through ./careline (CARELINE_PARTS=<service>, CARELINE_SERVICE_JAVA_OPTS=<options>), and measure readiness
#      from JVM start: the process start time (/proc/<pid>/stat) to the first 200 of /q/health/ready (polled every
#      0.1 s), and the CPU seconds the JVM used until then (which other processes on a busy machine do not stretch);
#   2. runs one bounded load through the gateway (the Gatling fixed-rate mode: --rate arrivals/s for --seconds, plus
#      its drain, at most bench.lagDeadline = 60 s) with every service on the set's options, after an optional
#      warm-up run of --warmup seconds (not measured: freshly started JVMs answer slowly at first);
#      With --nice N (e.g. -20, needs root) the restarted service runs at that CPU priority until it is ready and at
#      0 afterwards: on a machine shared with other work it then gets nearly the 2 cores it would have alone, which
#      approximates readiness on a quiet machine (the other processes wait those few seconds instead);
#   3. reads per service: RSS after the load, peak RSS (VmHWM, since JVM start), CPU seconds used during the load,
#      GC count and time and metaspace in use (jstat), OutOfMemoryError lines in the log, and with --nmt the JVM's
#      native memory summary (committed MB per area).
# Prints Markdown tables (also written to benchmarks/target/footprint.md); the services are left running with the last
# set's options (restart them with ./careline down / up for the defaults).
#
# Usage (from the repository root, with CARELINE_HOME and CARELINE_PORT_OFFSET of the running stack exported):
#   benchmarks/footprint.sh [--rounds N] [--rate R] [--seconds S] [--warmup S] [--services "messaging triage ..."]
#                           [--nmt] [--nice N] [--load gatling|none] NAME='[VAR=value ...] JVM options' [NAME=...]
# e.g.
#   benchmarks/footprint.sh --rounds 2 A='-Xmx256m' B='-Xmx160m -XX:+UseSerialGC'
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ROUNDS=1 RATE=10 SECONDS_LOAD=30 WARMUP=0 LOAD=gatling NMT=0 NICE=0 READY_TIMEOUT=180 STOP_TIMEOUT=30
SERVICES="messaging triage billing audit gateway"
NAMES=() OPTS=()
while (($#)); do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --seconds) SECONDS_LOAD="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --services) SERVICES="$2"; shift 2 ;;
    --load) LOAD="$2"; shift 2 ;;
    --nmt) NMT=1; shift ;;
    --nice) NICE="$2"; shift 2 ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *=*) NAMES+=("${1%%=*}"); OPTS+=("${1#*=}"); shift ;;
    *) echo "footprint: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
((${#NAMES[@]})) || { echo "footprint: give at least one option set, e.g. A='-Xmx256m'" >&2; exit 2; }
[[ "$LOAD" == gatling || "$LOAD" == none ]] || { echo "footprint: --load gatling|none" >&2; exit 2; }
: "${CARELINE_HOME:?export CARELINE_HOME of the running stack}"
export CARELINE_HOME CARELINE_PORT_OFFSET="${CARELINE_PORT_OFFSET:-0}"
OFFSET="$CARELINE_PORT_OFFSET"

OUT_DIR="$ROOT/benchmarks/target/footprint"
mkdir -p "$OUT_DIR"
TICKS=$(getconf CLK_TCK)
PAGE_KB=$(( $(getconf PAGESIZE) / 1024 ))

port_of() {
  case "$1" in
    gateway) echo $((8080 + OFFSET)) ;; messaging) echo $((8081 + OFFSET)) ;; triage) echo $((8082 + OFFSET)) ;;
    billing) echo $((8083 + OFFSET)) ;; audit) echo $((8084 + OFFSET)) ;;
    *) echo "footprint: unknown service $1" >&2; exit 2 ;;
  esac
}
pid_of() { tr -dc "0-9" 2>/dev/null < "$CARELINE_HOME/pids/$1.pid" || true; }
# process start, in seconds since boot (field 22 of /proc/<pid>/stat, after the command name in parentheses)
started_at() { awk -v t="$TICKS" '{ sub(/^.*\) /, ""); printf "%.2f", $20 / t }' "/proc/$1/stat"; }
uptime_now() { awk '{ print $1 }' /proc/uptime; }
cpu_seconds() { awk -v t="$TICKS" '{ sub(/^.*\) /, ""); printf "%.1f", ($12 + $13) / t }' "/proc/$1/stat"; }
status_mb() { awk -v k="$2:" '$1 == k { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
# CPU seconds of a JVM's main thread and of its JIT compiler threads (C1, C2), from /proc/<pid>/task/*/stat
thread_cpu() {
  local t
  for t in /proc/"$1"/task/*/stat; do cat "$t" 2>/dev/null || true; done | awk -v t="$TICKS" '{
      name = $0; sub(/^[0-9]+ \(/, "", name); sub(/\) .*$/, "", name)
      rest = $0; sub(/^.*\) /, "", rest); split(rest, f, " "); cpu = (f[12] + f[13]) / t
      if (name == "java") main += cpu; else if (name ~ /CompilerThre/) jit += cpu }
    END { printf "%.1f %.1f", main, jit }'
}

declare -A READY CPUREADY RSS PEAK CPU GC META OOM NMTROW BREAKDOWN ERRORS LOADAVG

stop_service() {
  local svc="$1" pid i
  pid=$(pid_of "$svc")
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "footprint: $svc (pid $pid) still alive after ${STOP_TIMEOUT}s, killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}

# restart_service <service> <set>: prints "<seconds from JVM start to the first 200 of /q/health/ready> <CPU seconds
# the JVM used until then> <of which the main thread> <of which the JIT compilers>". A set's leading NAME=value words are environment variables (e.g. MALLOC_ARENA_MAX=2,
# CARELINE_APPCDS=0), the rest JVM options.
restart_service() {
  local svc="$1" opts="$2" old new url t0 ready start log envs=() cpu split
  while [[ "$opts" =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*=[^[:space:]]*)[[:space:]]*(.*)$ ]]; do
    envs+=("${BASH_REMATCH[1]}"); opts="${BASH_REMATCH[2]}"
  done
  # CARELINE_ROOT=<dir>: start the service from another build (<dir>/careline and <dir>/<service>/target/quarkus-app,
  # e.g. a copy of the previous build with its AppCDS archive, copied with cp -a), to compare builds in one run
  local root="$ROOT" e
  for e in "${envs[@]}"; do [[ "$e" == CARELINE_ROOT=* ]] && root="${e#CARELINE_ROOT=}"; done
  old=$(pid_of "$svc")
  stop_service "$svc"
  log="$OUT_DIR/careline-up-$svc.log"
  nice -n "$NICE" env "${envs[@]}" CARELINE_PARTS="$svc" CARELINE_SERVICE_JAVA_OPTS="$opts" "$root/careline" up --no-build \
    >"$log" 2>&1 &
  local up=$!
  url="http://127.0.0.1:$(port_of "$svc")/q/health/ready"
  t0=$(date +%s)
  while :; do
    new=$(pid_of "$svc")
    [[ -n "$new" && "$new" != "$old" && -r "/proc/$new/stat" ]] && break
    (( $(date +%s) - t0 < 30 )) || { cat "$log" >&2; echo "footprint: $svc did not start" >&2; exit 1; }
    sleep 0.05
  done
  start=$(started_at "$new")
  while :; do
    if [[ "$(curl -s -o /dev/null -m 1 -w '%{http_code}' "$url" 2>/dev/null || true)" == 200 ]]; then
      ready=$(uptime_now); cpu=$(cpu_seconds "$new"); split=$(thread_cpu "$new"); break
    fi
    kill -0 "$new" 2>/dev/null || { cat "$log" >&2; echo "footprint: $svc exited before becoming ready" >&2; exit 1; }
    (( $(date +%s) - t0 < READY_TIMEOUT )) || { echo "footprint: $svc not ready within ${READY_TIMEOUT}s" >&2; exit 1; }
    sleep 0.1
  done
  wait "$up" || { cat "$log" >&2; echo "footprint: ./careline up failed for $svc" >&2; exit 1; }
  # the service's log up to readiness (startup steps, e.g. with -Dquarkus.debug.print-startup-times=true)
  cp "$CARELINE_HOME/logs/$svc.log" "$OUT_DIR/start-$svc-${KEY:-}.log" 2>/dev/null || true
  # back to the normal priority for the load (every thread: renice of a pid changes one thread only)
  if [[ "$NICE" != 0 ]]; then
    local tid; for tid in /proc/"$new"/task/*; do renice -n 0 -p "${tid##*/}" >/dev/null 2>&1 || true; done
  fi
  awk -v a="$start" -v b="$ready" -v c="$cpu" -v s="$split" 'BEGIN { printf "%.1f %s %s\n", b - a, c, s }'
}

run_load() {
  local key="$1" seconds="${2:-$SECONDS_LOAD}" summary="$ROOT/benchmarks/target/benchmark-summary.md"
  local log="$OUT_DIR/load-$key.log"
  [[ "$LOAD" == none ]] && { ERRORS[$key]="no load"; return 0; }
  rm -f "$summary"
  if ! ./mvnw -q -o -f benchmarks/pom.xml -Pbench gatling:test -Dbench.rate="$RATE" -Dbench.duration="$seconds" \
       >"$log" 2>&1; then
    echo "footprint: the load run failed (see $log); figures of set $key are after a failed load" >&2
  fi
  if [[ -f "$summary" ]]; then
    cp "$summary" "$OUT_DIR/summary-$key.md"
    ERRORS[$key]=$(grep -o 'Errors (non-2xx or no answer): [0-9]* of [0-9]*' "$summary" | sed 's/.*: //' || echo '?')
  else
    ERRORS[$key]="no summary"
  fi
}

measure() {
  local key="$1" svc pid jstat nmt
  for svc in $SERVICES; do
    pid=$(pid_of "$svc")
    RSS[$key,$svc]=$(status_mb "$pid" VmRSS)
    PEAK[$key,$svc]=$(status_mb "$pid" VmHWM)
    CPU[$key,$svc]=$(awk -v a="${CPU0[$svc]}" -v b="$(cpu_seconds "$pid")" 'BEGIN { printf "%.1f", b - a }')
    # jstat -gc: ... MC MU ... YGC YGCT FGC FGCT ... GCT (columns looked up by name: they differ between collectors)
    jstat=$(jstat -gc "$pid" 2>/dev/null || true)
    GC[$key,$svc]=$(awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR == 2 {
        printf "%d / %d, %.2f s", $c["YGC"], $c["FGC"], $c["GCT"] }' <<<"$jstat")
    META[$key,$svc]=$(awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR == 2 { printf "%d", $c["MU"] / 1024 }' <<<"$jstat")
    OOM[$key,$svc]=$(grep -c 'OutOfMemoryError' "$CARELINE_HOME/logs/$svc.log" 2>/dev/null || true)
    if ((NMT)); then
      nmt="$OUT_DIR/nmt-$key-$svc.txt"
      jcmd "$pid" VM.native_memory summary scale=MB >"$nmt" 2>&1 || true
      NMTROW[$key,$svc]=$(awk '
        /^Total:/ { match($0, /committed=[0-9]+/); total = substr($0, RSTART + 10, RLENGTH - 10) }
        /^-/ { area = $0; sub(/^- */, "", area); sub(/ *\(.*$/, "", area); match($0, /committed=[0-9]+/)
               v[area] = substr($0, RSTART + 10, RLENGTH - 10) }
        END { printf "%s | %s | %s | %s | %s | %s | %s | %s", total, v["Java Heap"], v["Metaspace"] + v["Class"],
              v["Symbol"], v["Thread"], v["Code"], v["GC"],
              v["Compiler"] + v["Arena Chunk"] + v["Other"] + v["Internal"] }' "$nmt")
      BREAKDOWN[$key,$svc]=$("$ROOT/benchmarks/rss-breakdown.sh" --save "$OUT_DIR/breakdown-$key" "$svc=$pid" \
        | sed "s/^| $svc |/| $svc | ${key%#*} |/")
    fi
  done
}

ALL=""
for ((r = 1; r <= ROUNDS; r++)); do
  order=("${!NAMES[@]}")
  if ((r % 2 == 0)); then
    order=(); for ((i = ${#NAMES[@]} - 1; i >= 0; i--)); do order+=("$i"); done
  fi
  for i in "${order[@]}"; do
    name="${NAMES[$i]}" opts="${OPTS[$i]}"
    if ((NMT)); then opts="$opts -XX:NativeMemoryTracking=summary"; fi
    key="$name#$r"
    ALL="$ALL $key"
    echo "== round $r, set $name: $opts (load average $(loadavg))" >&2
    for svc in $SERVICES; do
      read -r ready cpu main jit < <(KEY="$key" restart_service "$svc" "$opts")
      READY[$key,$svc]=$ready; CPUREADY[$key,$svc]="$cpu ($main, $jit)"
      echo "   $svc ready $ready s after JVM start, $cpu s of CPU (main thread $main, JIT $jit; load average $(loadavg))" >&2
    done
    if ((WARMUP > 0)) && [[ "$LOAD" == gatling ]]; then
      echo "   warm-up: $RATE/s for ${WARMUP}s (not measured)" >&2
      run_load "warmup-$key" "$WARMUP"
      echo "   warm-up errors ${ERRORS[warmup-$key]}" >&2
    fi
    declare -A CPU0=()
    for svc in $SERVICES; do CPU0[$svc]=$(cpu_seconds "$(pid_of "$svc")"); done
    LOADAVG[$key]="$(loadavg)"
    echo "   load: $LOAD at $RATE/s for ${SECONDS_LOAD}s" >&2
    run_load "$key"
    LOADAVG[$key]="${LOADAVG[$key]} → $(loadavg)"
    measure "$key"
    echo "   errors ${ERRORS[$key]}" >&2
  done
done

# cells: one value per round, "r1 / r2 / ..."
cell() {
  local arr="$1" name="$2" svc="$3" r out=""
  for ((r = 1; r <= ROUNDS; r++)); do
    local -n ref="$arr"
    out="$out${out:+ / }${ref[$name#$r,$svc]:-?}"
  done
  echo "$out"
}

{
  echo "# Memory and startup ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, rounds: $ROUNDS)"
  echo
  echo "Load per set: $LOAD, $RATE arrivals/s for ${SECONDS_LOAD} s through the gateway (benchmark mix). Services started at nice $NICE. Values per round: r1 / r2 / ..."
  echo
  echo "| Set | JVM options |"; echo "|---|---|"
  for i in "${!NAMES[@]}"; do echo "| ${NAMES[$i]} | \`${OPTS[$i]}\` |"; done
  echo
  echo "| Set | Round | Errors of the load | Load average before → after |"; echo "|---|---|---|---|"
  for key in $ALL; do echo "| ${key%#*} | ${key#*#} | ${ERRORS[$key]} | ${LOADAVG[$key]} |"; done
  echo
  echo "| Service | Set | Ready after JVM start (s) | CPU until ready (s) (main thread, JIT) | RSS after load (MB) | Peak RSS (MB) | CPU during load (s) | GCs young / full, GC time | Metaspace used (MB) | OOM lines in log |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for svc in $SERVICES; do
    for name in "${NAMES[@]}"; do
      echo "| $svc | $name | $(cell READY "$name" "$svc") | $(cell CPUREADY "$name" "$svc") | $(cell RSS "$name" "$svc") | $(cell PEAK "$name" "$svc") | $(cell CPU "$name" "$svc") | $(cell GC "$name" "$svc") | $(cell META "$name" "$svc") | $(cell OOM "$name" "$svc") |"
    done
  done
  if ((NMT)); then
    echo
    echo "Native memory tracking, committed MB after the load (last round):"
    echo
    echo "| Service | Set | Total | Heap | Metaspace + class space | Symbol | Thread | Code | GC | Compiler arenas + other |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    for svc in $SERVICES; do
      for name in "${NAMES[@]}"; do echo "| $svc | $name | ${NMTROW[$name#$ROUNDS,$svc]:-?} |"; done
    done
    echo
    echo "Resident memory after the load, MB (benchmarks/rss-breakdown.sh; last round):"
    echo
    "$ROOT/benchmarks/rss-breakdown.sh" --header | sed 's/^| Process |/| Service | Set |/; 2s/^|---|/|---|---|/'
    for svc in $SERVICES; do
      for name in "${NAMES[@]}"; do echo "${BREAKDOWN[$name#$ROUNDS,$svc]:-| $svc | $name | ? |}"; done
    done
  fi
} | tee "$ROOT/benchmarks/target/footprint.md"
