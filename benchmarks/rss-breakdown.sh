#!/usr/bin/env bash
# rss-breakdown.sh - where a running service JVM's resident memory goes (issue 9, docs/performance.md "Memory and
# startup"). For each PID: RSS split into anonymous and file-backed pages (/proc/<pid>/status), the resident pages of
# the Java heap's address range and of the AppCDS archives (/proc/<pid>/smaps; the heap's range from jcmd
# GC.heap_info), the JVM's own accounting (native memory tracking, committed MB per area: needs the JVM started with
# -XX:NativeMemoryTracking=summary), the thread count, and what the JVM does not track: anonymous RSS minus the heap's
# and the archives' resident pages minus every other area NMT reports as committed (glibc malloc's free lists and
# arena overhead, native libraries' own allocations; negative when committed pages were never touched).
#
# Usage: benchmarks/rss-breakdown.sh [--header] [--save DIR] NAME=PID [NAME=PID ...]
# Prints one Markdown table row per PID (MB); --header prints the table's header first; --save keeps the raw NMT,
# heap and smaps_rollup outputs as DIR/<NAME>-*.txt.
set -euo pipefail

HEADER=0 SAVE=""
ARGS=()
while (($#)); do
  case "$1" in
    --header) HEADER=1; shift ;;
    --save) SAVE="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *=*) ARGS+=("$1"); shift ;;
    *) echo "rss-breakdown: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

if ((HEADER)); then
  echo "| Process | RSS | anon / file | Heap: resident (committed, used) | AppCDS archives resident | Code cache | Metaspace + class space | Threads: count, stacks | GC | Symbols | Other (direct buffers, Unsafe) | Compiler + arenas + internal | NMT itself | Rest of NMT | Not tracked by NMT |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
fi

for arg in "${ARGS[@]}"; do
  name="${arg%%=*}" pid="${arg#*=}"
  [[ -r "/proc/$pid/status" ]] || { echo "| $name | (pid $pid gone) |"; continue; }
  tmp=$(mktemp -d)
  jcmd "$pid" VM.native_memory summary >"$tmp/nmt.txt" 2>&1 || true
  jcmd "$pid" GC.heap_info >"$tmp/heap.txt" 2>&1 || true
  cat "/proc/$pid/smaps" >"$tmp/smaps.txt" 2>/dev/null || true
  cat "/proc/$pid/status" >"$tmp/status.txt"
  if [[ -n "$SAVE" ]]; then
    mkdir -p "$SAVE"
    cp "$tmp/nmt.txt" "$SAVE/$name-nmt.txt"; cp "$tmp/heap.txt" "$SAVE/$name-heap.txt"
    cat "/proc/$pid/smaps_rollup" >"$SAVE/$name-smaps_rollup.txt" 2>/dev/null || true
  fi
  # the heap's reserved range: young generation's start to the old generation's reserved end (serial, parallel: the
  # three addresses "[start, committed end, reserved end)" of each generation line; G1: "[start, end)")
  read -r hstart hend < <(awk '
    /generation|garbage-first heap|PSYoungGen|ParOldGen/ {
      s = $0; sub(/^[^[]*\[/, "", s); sub(/\).*$/, "", s); gsub(/ /, "", s); n = split(s, a, ",")
      if (lo == "") lo = a[1]; hi = a[n] }
    END { print lo, hi }' "$tmp/heap.txt")
  awk -v hs="${hstart:-}" -v he="${hend:-}" -v name="$name" '
    function hex(s,   i, n) { s = tolower(s); sub(/^0x/, "", s); n = 0
      for (i = 1; i <= length(s); i++) n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
      return n }
    function mb(kb) { return sprintf("%.0f", kb / 1024) }
    FILENAME ~ /status.txt$/ { if ($1 == "VmRSS:") rss = $2; if ($1 == "RssAnon:") anon = $2
                               if ($1 == "RssFile:") file = $2; if ($1 == "Threads:") threads = $2; next }
    FILENAME ~ /smaps.txt$/ {
      if ($1 ~ /^[0-9a-f]+-[0-9a-f]+$/) { split($1, r, "-"); lo = hex(r[1]); jsa = ($NF ~ /\.jsa$/)
                                          inheap = (hs != "" && lo >= hex(hs) && lo < hex(he)) }
      else if ($1 == "Rss:") { if (jsa) archive += $2; if (inheap) heap += $2 }
      else if ($1 == "Anonymous:" && jsa) archiveAnon += $2
      next }
    FILENAME ~ /nmt.txt$/ {
      if ($0 ~ /^Total:/) { match($0, /committed=[0-9]+KB/); total = substr($0, RSTART + 10, RLENGTH - 12) + 0 }
      if ($0 ~ /^-/) { area = $0; sub(/^- */, "", area); sub(/ *\(.*$/, "", area)
                       match($0, /committed=[0-9]+KB/); v[area] = substr($0, RSTART + 10, RLENGTH - 12) + 0 }
      if ($0 ~ /Java Heap/) inHeapArea = 1
      next }
    FILENAME ~ /heap.txt$/ { if ($0 ~ /used/ && ($0 ~ /generation|heap/)) {
        match($0, /used [0-9]+K/); used += substr($0, RSTART + 5, RLENGTH - 6)
        match($0, /total [0-9]+K/); committedHeap += substr($0, RSTART + 6, RLENGTH - 7) }
      next }
    END {
      if (total == "") {
        printf "| %s | %s | %s / %s | %s (%s, %s) | %s | (no NMT) |\n", name, mb(rss), mb(anon), mb(file), mb(heap),
               mb(committedHeap), mb(used), mb(archive)
        exit }
      known = v["Java Heap"] + v["Class"] + v["Metaspace"] + v["Code"] + v["Thread"] + v["GC"] + v["Symbol"] + v["Other"] \
              + v["Compiler"] + v["Arena Chunk"] + v["Internal"] + v["Native Memory Tracking"] + v["Shared class space"]
      rest = total - known
      # anonymous resident pages that NMT does not account for: anon RSS minus the heap and the archives (their
      # resident anonymous pages), minus every other area that NMT reports committed
      untracked = anon - heap - archiveAnon - (total - v["Java Heap"] - v["Shared class space"])
      printf "| %s | %s | %s / %s | %s (%s, %s) | %s | %s | %s | %s, %s | %s | %s | %s | %s | %s | %s | %s |\n",
        name, mb(rss), mb(anon), mb(file), mb(heap), mb(v["Java Heap"]), mb(used), mb(archive), mb(v["Code"]),
        mb(v["Metaspace"] + v["Class"]), threads, mb(v["Thread"]), mb(v["GC"]), mb(v["Symbol"]), mb(v["Other"]),
        mb(v["Compiler"] + v["Arena Chunk"] + v["Internal"]), mb(v["Native Memory Tracking"]), mb(rest), mb(untracked)
    }' "$tmp/status.txt" "$tmp/smaps.txt" "$tmp/nmt.txt" "$tmp/heap.txt"
  rm -rf "$tmp"
done
