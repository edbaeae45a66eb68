#!/usr/bin/env bash
# compare-peers.sh — times rdump's integrity scan side by side with its peers on the reference
# corpora (big, mixed, tiny) and prints Markdown tables (wall time, MB/s, files/s, ratio to the
# C ceiling `treehash -t 2`), plus `rdump sure update` with nothing changed against a full scan
# (mixed) and against a stat-only `find -printf` walk (tiny).
#
# Usage: benchmarks/compare-peers.sh [-n RUNS] [-s SCALE] [-c "big mixed tiny"] [-w WORKDIR] [-k]
#   -n RUNS   best of RUNS timed runs per command (default 3; env RUNS)
#   -s SCALE  corpus scale passed to make-corpus.sh (default 1)
#   -c LIST   corpora to measure (default "big mixed tiny")
#   -w DIR    work directory (default ./bench-work at the repository root; git-ignored)
#   -k        keep going without pinning when vmtouch is missing (figures are then unreliable)
# Env: BENCH_SHARED  where make-corpus.sh and treehash.c live (default ../shared/bench beside the checkout)
#      THREADS       hashing threads for treehash/rdump (default 2, the reference machine's cores)
#      JAVA          the java binary (default java); RDUMP_JAVA_OPTS extra JVM options
#
# Needs: a built checkout (mvn -B -q -DskipTests package), gcc and libssl-dev, python3 and
# openssl (corpora), hashdeep, vmtouch (page-cache pinning); rsure is timed only when on PATH.
# Every corpus is pinned in the page cache (vmtouch -dl, stopped by its pid afterwards) while its
# commands run, and re-read (vmtouch -t) before each timed run, because these VMs evict idle page
# cache within seconds. Wall time and CPU time (user+sys of all processes of the command) are
# both reported: on a shared machine CPU time is the steadier of the two.
set -euo pipefail

RUNS=${RUNS:-3}
SCALE=1
CORPORA="big mixed tiny"
KEEP_GOING=0
top=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
WORK="$top/bench-work"
BENCH_SHARED=${BENCH_SHARED:-$top/../shared/bench}
THREADS=${THREADS:-2}
JAVA=${JAVA:-java}

while getopts "n:s:c:w:k" opt; do
  case "$opt" in
    n) RUNS=$OPTARG ;;
    s) SCALE=$OPTARG ;;
    c) CORPORA=$OPTARG ;;
    w) WORK=$OPTARG ;;
    k) KEEP_GOING=1 ;;
    *) sed -n '2,20p' "$0" >&2; exit 2 ;;
  esac
done

die() { echo "compare-peers: $*" >&2; exit 2; }
note() { echo "# $*" >&2; }

mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
LOG="$WORK/compare-peers.log"
: > "$LOG"

# ---------------------------------------------------------------------------------------------
# prerequisites
RDUMP="$top/bin/rdump"
JAR="$top/rdump-cli/target/rdump.jar"
[ -f "$JAR" ] || die "$JAR is missing: build first (cd $top && mvn -B -q -DskipTests package)"
for t in gcc python3 openssl hashdeep xargs find; do
  command -v "$t" >/dev/null || die "$t is not installed"
done
HAVE_VMTOUCH=1
if ! command -v vmtouch >/dev/null; then
  [ "$KEEP_GOING" = 1 ] || die "vmtouch is not installed (apt-get install -y vmtouch), or pass -k"
  HAVE_VMTOUCH=0
  note "vmtouch missing: corpora are NOT pinned, figures may include disk reads"
fi

# rdump's scan: the CLI when it has `sure`, else the benchmarks module's SureScanMain on the same jar
if "$RDUMP" sure scan --help >/dev/null 2>&1; then
  RDUMP_KIND=cli
  rdump_sure() { "$RDUMP" sure "$1" --threads "$THREADS" -d "$2" -f "$3"; }
  RDUMP_DESC="bin/rdump sure scan --threads $THREADS -d CORPUS -f TMPFILE"
else
  CLASSES="$top/benchmarks/target/classes"
  [ -f "$CLASSES/org/rdump/benchmarks/SureScanMain.class" ] || die "$CLASSES lacks SureScanMain: build first"
  RDUMP_KIND=main
  # shellcheck disable=SC2086
  rdump_sure() { "$JAVA" ${RDUMP_JAVA_OPTS:-} -cp "$JAR:$CLASSES" org.rdump.benchmarks.SureScanMain "$1" -t "$THREADS" -d "$2" -f "$3"; }
  RDUMP_DESC="java -cp rdump.jar:benchmarks/target/classes org.rdump.benchmarks.SureScanMain scan -t $THREADS -d CORPUS -f TMPFILE"
fi

# ---------------------------------------------------------------------------------------------
# corpora and the C ceiling
CORPUS_ROOT="$WORK/corpus"
for c in $CORPORA; do
  case "$c" in big|mixed|tiny) ;; *) die "unknown corpus $c" ;; esac
  if [ ! -f "$CORPUS_ROOT/.$c.scale-$SCALE.done" ]; then
    note "building corpus $c (scale $SCALE) under $CORPUS_ROOT: this takes a while"
    "$BENCH_SHARED/make-corpus.sh" "$CORPUS_ROOT" "$SCALE" "$c" >>"$LOG" 2>&1
    rm -f "$CORPUS_ROOT/.$c".scale-*.done
    touch "$CORPUS_ROOT/.$c.scale-$SCALE.done"
  fi
done

TREEHASH="$WORK/treehash"
if [ ! -x "$TREEHASH" ] || [ "$BENCH_SHARED/treehash.c" -nt "$TREEHASH" ]; then
  note "compiling $TREEHASH"
  gcc -O2 -pthread -o "$TREEHASH" "$BENCH_SHARED/treehash.c" -lcrypto
fi

# ---------------------------------------------------------------------------------------------
# timing helpers
now() { date +%s.%N; }

# cpu_of FILE: user+sys seconds of finished children in the output of bash `times` (line 2);
# `times` itself must run in the shell that waited for them, not in a $(...) subshell.
cpu_of() {
  awk 'function s(x, p) { sub(/s$/, "", x); split(x, p, "m"); return p[1] * 60 + p[2] }
       NR == 2 { printf "%.3f", s($1) + s($2) }' "$1"
}

# best_of NAME PRE-COMMAND COMMAND... : runs PRE (untimed) then COMMAND, RUNS times; prints
# "WALL CPU" of the run with the best wall time (seconds; CPU = user+sys of all its processes,
# which the load of other processes disturbs less), or "FAILED FAILED". Output goes to the log.
best_of() {
  local name=$1 pre=$2 best="" bestcpu="" t0 t1 c0 c1 dt dc i
  shift 2
  for ((i = 1; i <= RUNS; i++)); do
    eval "$pre"
    times >"$WORK/.times0"
    t0=$(now)
    if ! "$@" >>"$LOG" 2>&1; then
      echo "[$name] run $i FAILED: $*" >>"$LOG"
      echo FAILED FAILED
      return
    fi
    t1=$(now)
    times >"$WORK/.times1"
    c0=$(cpu_of "$WORK/.times0")
    c1=$(cpu_of "$WORK/.times1")
    dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    dc=$(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.2f", b - a }')
    echo "[$name] run $i: $dt s wall, $dc s cpu" >>"$LOG"
    if [ -z "$best" ] || awk -v a="$dt" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$dt; bestcpu=$dc; fi
  done
  echo "$best $bestcpu"
}

PIN_PID=""
# pin DIR: lock DIR's pages in the page cache (vmtouch -dl, a daemon stopped by unpin). vmtouch maps
# every file to lock it, so a tree of more files than vm.max_map_count (65530 by default; tiny has
# 100,000) is only partly locked: every timed run is therefore also preceded by warm DIR
# (vmtouch -t, which reads back whatever was evicted; untimed).
pin() {
  [ "$HAVE_VMTOUCH" = 1 ] || return 0
  local pidfile="$WORK/vmtouch.pid" i
  rm -f "$pidfile"
  vmtouch -q -d -l -w -P "$pidfile" "$1" 2>>"$LOG" || true
  PIN_PID=$(cat "$pidfile" 2>/dev/null || true)
  warm "$1"
  echo "pinned $1 (vmtouch pid ${PIN_PID:-none}): $(vmtouch "$1" | grep -i 'resident pages')" >>"$LOG"
}
warm() {
  if [ "$HAVE_VMTOUCH" = 1 ]; then
    vmtouch -q -t "$1"
  else
    find "$1" -type f -exec cat {} + >/dev/null
  fi
  find "$1" -printf '%i %C@\n' >/dev/null # the inode and dentry caches too
}
unpin() {
  if [ -n "$PIN_PID" ]; then
    kill "$PIN_PID" 2>/dev/null || true
    PIN_PID=""
  fi
}
trap unpin EXIT
trap 'unpin; exit 130' INT TERM

# The commands (functions, so that pipes and redirections stay out of `eval`).
run_treehash() { "$TREEHASH" -t "$THREADS" -m sha1 "$1" >/dev/null; }
run_hashdeep() { hashdeep -c sha1 -r "$1" >/dev/null; }
run_openssl() { find "$1" -type f -print0 | xargs -0 -P"$THREADS" -n 64 openssl dgst -sha1 >/dev/null; }
run_rsure() { rsure -f "$2" scan -d "$1" >/dev/null; }
run_rdump_scan() { rdump_sure scan "$1" "$2" >/dev/null; }
run_rdump_update() { rdump_sure update "$1" "$2" >/dev/null; }
run_find_stat() { find "$1" -printf '%p %s %i %m %U %G %T@ %C@\n' >/dev/null; }
run_version() { "$RDUMP" --version >/dev/null; }

ratio() { awk -v c="$1" -v t="$2" 'BEGIN { if (t == "FAILED" || c == "FAILED" || t == 0) print "-"; else printf "%.0f%%", 100 * c / t }'; }
rate() { awk -v n="$1" -v t="$2" -v d="$3" 'BEGIN { if (t == "FAILED" || t <= 0) print "-"; else printf "%.0f", n / t / d }'; }

# ---------------------------------------------------------------------------------------------
TMPD="$WORK/tmp"
mkdir -p "$TMPD"
cat "$JAR" >/dev/null

{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "java: $("$JAVA" -version 2>&1 | head -1)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share these cores: compare ratios, not absolute times)"
  echo "rdump: $RDUMP_DESC ($RDUMP_KIND); best of $RUNS runs; threads $THREADS; pinned: $([ "$HAVE_VMTOUCH" = 1 ] && echo yes || echo NO)"
} | tee -a "$LOG"

read -r STARTUP STARTUP_CPU <<<"$(best_of startup ":" run_version)"
echo
echo "JVM start-up (bin/rdump --version, best of $RUNS): $STARTUP s wall, $STARTUP_CPU s cpu"
echo

HAVE_RSURE=0
command -v rsure >/dev/null && HAVE_RSURE=1
minus() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "FAILED") print "FAILED"; else printf "%.3f", a - b }'; }

declare -A SCAN_TIME SCAN_CPU
echo "| corpus | files | MB | tool | best s | cpu s | MB/s | files/s | vs ceiling |"
echo "|---|---:|---:|---|---:|---:|---:|---:|---:|"
for c in $CORPORA; do
  dir="$CORPUS_ROOT/$c"
  files=$(find "$dir" -type f | wc -l)
  bytes=$(find "$dir" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f", s }')
  mb=$(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 }')
  man="$TMPD/$c.dat.gz"
  pin "$dir"
  read -r ceil ceil_cpu <<<"$(best_of "$c treehash" "warm '$dir'" run_treehash "$dir")"
  read -r rd rd_cpu <<<"$(best_of "$c rdump scan" "rm -f '$TMPD/$c'.*; warm '$dir'" run_rdump_scan "$dir" "$man")"
  SCAN_TIME[$c]=$rd
  SCAN_CPU[$c]=$rd_cpu
  read -r hd hd_cpu <<<"$(best_of "$c hashdeep" "warm '$dir'" run_hashdeep "$dir")"
  read -r os os_cpu <<<"$(best_of "$c openssl" "warm '$dir'" run_openssl "$dir")"
  if [ "$HAVE_RSURE" = 1 ]; then
    read -r rs rs_cpu <<<"$(best_of "$c rsure" "rm -f '$TMPD/$c'-rsure.*; warm '$dir'" run_rsure "$dir" "$TMPD/$c-rsure.dat.gz")"
  fi
  unpin
  row() { echo "| $c | $files | $mb | $1 | $2 | $3 | $(rate "$bytes" "$2" 1e6) | $(rate "$files" "$2" 1) | $(ratio "$ceil" "$2") |"; }
  row "treehash -t $THREADS -m sha1 (ceiling)" "$ceil" "$ceil_cpu"
  row "rdump sure scan" "$rd" "$rd_cpu"
  row "rdump sure scan minus start-up" "$(minus "$rd" "$STARTUP")" "$(minus "$rd_cpu" "$STARTUP_CPU")"
  row "hashdeep -c sha1 -r" "$hd" "$hd_cpu"
  row "find -print0 \| xargs -0 -P$THREADS -n 64 openssl dgst -sha1" "$os" "$os_cpu"
  if [ "$HAVE_RSURE" = 1 ]; then
    row "rsure scan" "$rs" "$rs_cpu"
  fi
done
if [ "$HAVE_RSURE" = 0 ]; then
  echo
  echo "rsure: not on PATH, not timed."
fi

# ---------------------------------------------------------------------------------------------
# update with nothing changed
echo
echo "| corpus | command | best s | cpu s | minus start-up | compared with | its best s | its cpu s | ratio (wall) |"
echo "|---|---|---:|---:|---:|---|---:|---:|---|"
for c in $CORPORA; do
  [ "$c" = mixed ] || [ "$c" = tiny ] || continue
  dir="$CORPUS_ROOT/$c"
  man="$TMPD/$c-update.dat.gz"
  rm -f "$TMPD/$c"-update.*
  pin "$dir"
  rdump_sure scan "$dir" "$man" >>"$LOG" 2>&1 # the version the updates start from
  read -r up up_cpu <<<"$(best_of "$c rdump update" "warm '$dir'" run_rdump_update "$dir" "$man")"
  up_net=$(minus "$up" "$STARTUP")
  if [ "$c" = mixed ]; then
    other=${SCAN_TIME[mixed]:-}
    other_cpu=${SCAN_CPU[mixed]:-}
    if [ -z "$other" ]; then
      read -r other other_cpu <<<"$(best_of "$c rdump scan" "rm -f '$TMPD/$c'.*; warm '$dir'" run_rdump_scan "$dir" "$TMPD/$c.dat.gz")"
    fi
    r=$(awk -v a="$other" -v b="$up" -v sa="$STARTUP" 'BEGIN { if (a == "FAILED" || b == "FAILED") print "-";
        else printf "scan takes %.1fx update (%.1fx minus start-up)", a / b, (a - sa) / (b - sa) }')
    echo "| $c | rdump sure update (nothing changed) | $up | $up_cpu | $up_net | rdump sure scan | $other | $other_cpu | $r |"
  else
    read -r other other_cpu <<<"$(best_of "$c find -printf" "warm '$dir'" run_find_stat "$dir")"
    r=$(awk -v a="$other" -v b="$up" -v n="$up_net" 'BEGIN { if (a == "FAILED" || b == "FAILED") print "-";
        else printf "update takes %.1fx find (%.1fx minus start-up)", b / a, n / a }')
    echo "| $c | rdump sure update (nothing changed) | $up | $up_cpu | $up_net | find -printf (stat only) | $other | $other_cpu | $r |"
  fi
  unpin
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Log of every run: $LOG"
