#!/usr/bin/env bash
# compare-peers.sh — the integrity engine's side-by-side table (issue 11), in one run: rdump's
# `sure scan` and `sure update` (nothing changed) against the C ceiling `treehash -t 2`, a
# stat-only walk (`find -printf`) and the reference rsure (when it is on PATH), on the corpora
# big, mixed, tiny and a 1,000,000-file tree; wall time, CPU time and peak RSS of every command,
# and the ratios the goals are stated in.
#
# Usage: benchmarks/compare-peers.sh [-n RUNS] [-m RUNS_1M] [-c "1m big mixed tiny"] [-w WORKDIR] [-x] [-k]
#   -n RUNS     best of RUNS timed runs per command on big, mixed, tiny (default 3; env RUNS)
#   -m RUNS     best of RUNS on the 1,000,000-file corpus (default 2; env RUNS_1M)
#   -c LIST     corpora to measure (default "1m big mixed tiny")
#   -w DIR      work directory (default ./bench-work at the repository root; git-ignored)
#   -x          also time hashdeep and `xargs openssl dgst` on the small corpora
#   -k          keep going without pinning when vmtouch is missing (figures are then unreliable)
# Env: BENCH_SHARED  where make-corpus.sh and treehash.c live (default ../shared/bench beside the checkout)
#      THREADS       hashing threads for treehash/rdump (default 2, the reference machine's cores)
#      JAVA          the JDK 17 java (default java); JAVA25 a JDK 25+ java for a second rdump
#                    column (default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java when present; "" for none)
#      RSURE         the rsure binary (default: rsure on PATH; skipped with a note when there is none)
#
# Needs: a built checkout (mvn -B -q -DskipTests package), gcc and libssl-dev, python3 and openssl
# (corpora), GNU time (/usr/bin/time, for peak RSS), vmtouch (page-cache pinning). The corpora are
# built on first use under WORKDIR (the 1M-file one takes ~100 s and ~4 GB). Each corpus is pinned
# (vmtouch -dl, stopped by its pid afterwards; for a tree of more than vm.max_map_count files a
# root run raises that limit for the run, else it is only partly locked) and re-read before every
# timed run, because these VMs evict idle page cache within seconds. The load average is printed
# with every corpus: on a shared machine compare the ratios (measured back to back), not absolute
# times from different runs.
set -euo pipefail

RUNS=${RUNS:-3}
RUNS_1M=${RUNS_1M:-2}
CORPORA="1m big mixed tiny"
KEEP_GOING=0
EXTRA=0
top=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
WORK="$top/bench-work"
BENCH_SHARED=${BENCH_SHARED:-$top/../shared/bench}
THREADS=${THREADS:-2}
JAVA=${JAVA:-java}
if [ -z "${JAVA25+set}" ]; then
  JAVA25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
  [ -x "$JAVA25" ] || JAVA25=""
fi
RSURE=${RSURE:-$(command -v rsure || true)}

while getopts "n:m:c:w:xk" opt; do
  case "$opt" in
    n) RUNS=$OPTARG ;;
    m) RUNS_1M=$OPTARG ;;
    c) CORPORA=$OPTARG ;;
    w) WORK=$OPTARG ;;
    x) EXTRA=1 ;;
    k) KEEP_GOING=1 ;;
    *) sed -n '2,28p' "$0" >&2; exit 2 ;;
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
for t in gcc python3 openssl xargs find; do
  command -v "$t" >/dev/null || die "$t is not installed"
done
[ -x /usr/bin/time ] || die "GNU time is not installed (apt-get install -y time): it measures peak RSS"
if [ "$EXTRA" = 1 ]; then command -v hashdeep >/dev/null || die "hashdeep is not installed (-x)"; fi
HAVE_VMTOUCH=1
if ! command -v vmtouch >/dev/null; then
  [ "$KEEP_GOING" = 1 ] || die "vmtouch is not installed (apt-get install -y vmtouch), or pass -k"
  HAVE_VMTOUCH=0
  note "vmtouch missing: corpora are NOT pinned, figures may include disk reads"
fi

# ---------------------------------------------------------------------------------------------
# corpora and the C ceiling
corpus_dir() { if [ "$1" = 1m ]; then echo "$WORK/corpus-1m/tiny"; else echo "$WORK/corpus/$1"; fi; }
for c in $CORPORA; do
  case "$c" in
    1m) root="$WORK/corpus-1m"; scale=10; kind=tiny ;;
    big|mixed|tiny) root="$WORK/corpus"; scale=1; kind=$c ;;
    *) die "unknown corpus $c" ;;
  esac
  if [ ! -f "$root/.$kind.scale-$scale.done" ]; then
    note "building corpus $c (make-corpus.sh $root $scale $kind): this takes a while"
    "$BENCH_SHARED/make-corpus.sh" "$root" "$scale" "$kind" >>"$LOG" 2>&1
    rm -f "$root/.$kind".scale-*.done
    touch "$root/.$kind.scale-$scale.done"
  fi
done

TREEHASH="$WORK/treehash"
if [ ! -x "$TREEHASH" ] || [ "$BENCH_SHARED/treehash.c" -nt "$TREEHASH" ]; then
  note "compiling $TREEHASH"
  gcc -O2 -pthread -o "$TREEHASH" "$BENCH_SHARED/treehash.c" -lcrypto
fi

# ---------------------------------------------------------------------------------------------
# timing: every command runs under GNU time (CPU = user+sys of the command and its children,
# RSS = the peak resident set of its largest process)
now() { date +%s.%N; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# best_of NAME RUNS PRE COMMAND... : runs PRE (untimed), then COMMAND (stdout discarded), RUNS
# times; prints "WALL CPU RSS_MB" of the run with the best wall time, RSS_MB being the highest
# peak RSS of all runs; "FAILED FAILED FAILED" when a run fails (see the log).
best_of() {
  local name=$1 n=$2 pre=$3 best="" bestcpu="" rss=0 t0 t1 dt cpu m i
  shift 3
  for ((i = 1; i <= n; i++)); do
    eval "$pre"
    t0=$(now)
    if ! /usr/bin/time -f '%U %S %M' -o "$WORK/.time" "$@" >/dev/null 2>>"$LOG"; then
      echo "[$name] run $i FAILED: $*" >>"$LOG"
      echo FAILED FAILED FAILED
      return
    fi
    t1=$(now)
    read -r cpu m <<<"$(awk '{ printf "%.2f %d", $1 + $2, $3 }' "$WORK/.time")"
    dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    echo "[$name] run $i: $dt s wall, $cpu s cpu, $((m / 1024)) MB peak RSS, load $(load)" >>"$LOG"
    [ "$m" -gt "$rss" ] && rss=$m
    if [ -z "$best" ] || awk -v a="$dt" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$dt; bestcpu=$cpu; fi
  done
  echo "$best $bestcpu $((rss / 1024))"
}

PIN_PID=""
MAP_COUNT_WAS=""
# pin DIR: lock DIR's pages in the page cache (vmtouch -dl, a daemon stopped by unpin). vmtouch maps
# each file, so it locks at most vm.max_map_count files (65,530 by default): as root, the limit is
# raised for the run (and put back on exit), else the note says the corpus is only partly locked.
pin() {
  [ "$HAVE_VMTOUCH" = 1 ] || return 0
  local files limit
  files=$(find "$1" -type f | wc -l)
  limit=$(cat /proc/sys/vm/max_map_count 2>/dev/null || echo 0)
  if [ "$files" -ge "$limit" ]; then
    if [ "$(id -u)" = 0 ] && [ -w /proc/sys/vm/max_map_count ]; then
      [ -n "$MAP_COUNT_WAS" ] || MAP_COUNT_WAS=$limit
      echo $((files + 100000)) > /proc/sys/vm/max_map_count
      note "vm.max_map_count raised from $MAP_COUNT_WAS to $((files + 100000)) so that vmtouch can lock all $files files (put back on exit)"
    else
      note "$1 has $files files, more than vm.max_map_count ($limit): vmtouch locks only part of it (run as root to raise it)"
    fi
  fi
  local pidfile="$WORK/vmtouch.pid"
  rm -f "$pidfile"
  vmtouch -q -d -l -w -P "$pidfile" "$1" 2>>"$LOG" || true
  PIN_PID=$(cat "$pidfile" 2>/dev/null || true)
  warm "$1"
  echo "pinned $1 (vmtouch pid ${PIN_PID:-none}): $(vmtouch "$1" | grep -i 'resident pages')" >>"$LOG"
}
# warm DIR: reads back whatever was evicted, and the inode and dentry caches (untimed)
warm() {
  if [ "$HAVE_VMTOUCH" = 1 ]; then
    vmtouch -q -t "$1"
  else
    find "$1" -type f -exec cat {} + >/dev/null
  fi
  find "$1" -printf '%i %C@\n' >/dev/null
}
unpin() {
  if [ -n "$PIN_PID" ]; then
    kill "$PIN_PID" 2>/dev/null || true
    PIN_PID=""
  fi
}
restore_map_count() {
  unpin
  if [ -n "$MAP_COUNT_WAS" ]; then
    echo "$MAP_COUNT_WAS" > /proc/sys/vm/max_map_count 2>/dev/null || true
  fi
}
trap restore_map_count EXIT
trap 'restore_map_count; exit 130' INT TERM

ratio() { # ratio A B FORMAT: A / B printed with FORMAT, or "-" when either failed or is missing
  awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN { if (a == "" || b == "" || a == "FAILED" || b == "FAILED" || a == "-" || b == "-" || b == 0) print "-"; else printf f, a / b }'
}

TMPD="$WORK/tmp"
mkdir -p "$TMPD"
cat "$JAR" >/dev/null

JDK17_DESC=$("$JAVA" -version 2>&1 | head -1)
{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/^Mem:/ { print $2 }') GiB"
  echo "java: $JDK17_DESC${JAVA25:+; second rdump column: $("$JAVA25" -version 2>&1 | head -1)}"
  echo "rdump: $RDUMP sure scan|update --threads $THREADS -d CORPUS -f MANIFEST (RDUMP_JAVA_OPTS='${RDUMP_JAVA_OPTS:-}')"
  echo "rsure: ${RSURE:-not on PATH: its columns are left empty}"
  echo "best of $RUNS runs ($RUNS_1M on 1m); threads $THREADS; pinned: $([ "$HAVE_VMTOUCH" = 1 ] && echo yes || echo NO); load before: $(load)"
} | tee -a "$LOG"

RD_JAVAS=("$JAVA")
RD_NAMES=("rdump (JDK 17)")
if [ -n "$JAVA25" ]; then RD_JAVAS+=("$JAVA25"); RD_NAMES+=("rdump (JDK 25)"); fi

declare -A R # R[case,tool] = "WALL CPU RSS"
for k in "${!RD_JAVAS[@]}"; do
  R[startup,$k]=$(JAVA=${RD_JAVAS[$k]} best_of "startup ${RD_NAMES[$k]}" "$RUNS" ":" "$RDUMP" --version)
done

for c in $CORPORA; do
  dir=$(corpus_dir "$c")
  n=$RUNS
  [ "$c" = 1m ] && n=$RUNS_1M
  note "$c: measuring (load $(load))"
  echo "$c: load before $(load)" >>"$LOG"
  R[$c,load]=$(load)
  pin "$dir"
  R[$c,scan,treehash]=$(best_of "$c treehash" "$n" "warm '$dir'" "$TREEHASH" -t "$THREADS" -m sha1 "$dir")
  R[$c,walk,find]=$(best_of "$c find -printf" "$n" "warm '$dir'" find "$dir" -printf '%i %s %T@ %C@\n')
  for k in "${!RD_JAVAS[@]}"; do
    man="$TMPD/$c-$k.dat.gz"
    R[$c,scan,rd$k]=$(JAVA=${RD_JAVAS[$k]} best_of "$c ${RD_NAMES[$k]} scan" "$n" "rm -f '$TMPD/$c-$k'.*; warm '$dir'" \
      "$RDUMP" sure scan --threads "$THREADS" -d "$dir" -f "$man")
    # the updates start from the manifest of the last scan: nothing changed since
    R[$c,update,rd$k]=$(JAVA=${RD_JAVAS[$k]} best_of "$c ${RD_NAMES[$k]} update" "$n" "warm '$dir'" \
      "$RDUMP" sure update --threads "$THREADS" -d "$dir" -f "$man")
  done
  if [ -n "$RSURE" ]; then
    man="$TMPD/$c-rsure.dat.gz"
    R[$c,scan,rsure]=$(best_of "$c rsure scan" "$n" "rm -f '$TMPD/$c-rsure'.*; warm '$dir'" "$RSURE" -d "$dir" -f "$man" scan)
    R[$c,update,rsure]=$(best_of "$c rsure update" "$n" "warm '$dir'" "$RSURE" -d "$dir" -f "$man" update)
  fi
  if [ "$EXTRA" = 1 ] && [ "$c" != 1m ]; then
    R[$c,scan,hashdeep]=$(best_of "$c hashdeep" "$n" "warm '$dir'" hashdeep -c sha1 -r "$dir")
    R[$c,scan,openssl]=$(best_of "$c openssl" "$n" "warm '$dir'" bash -c \
      'find "$1" -type f -print0 | xargs -0 -P"$2" -n 64 openssl dgst -sha1' _ "$dir" "$THREADS")
  fi
  unpin
done

# ---------------------------------------------------------------------------------------------
# the tables
w() { set -- ${1:-}; echo "${1:--}"; }  # wall of "WALL CPU RSS"
cpu() { set -- ${1:-}; echo "${2:--}"; }
rss() { set -- ${1:-}; echo "${3:--}"; }
fmt() { # "WALL CPU RSS" -> "W s (C s cpu, R MB)"
  set -- ${1:-}
  if [ -z "${1:-}" ]; then echo "-"; elif [ "$1" = FAILED ]; then echo "FAILED"; else echo "$1 s ($2 cpu, $3 MB)"; fi
}

echo
for k in "${!RD_JAVAS[@]}"; do
  echo "start-up, ${RD_NAMES[$k]}: bin/rdump --version $(fmt "${R[startup,$k]}")"
done
echo
echo "Each cell: best wall time of the runs (its CPU seconds, the highest peak RSS of the runs)."
echo
hdr="| case | load | treehash -t $THREADS | find -printf (stat only) | rsure 0.10"
sep="|---|---|---:|---:|---:"
for k in "${!RD_JAVAS[@]}"; do hdr+=" | ${RD_NAMES[$k]}"; sep+="|---:"; done
hdr+=" | ratios |"
sep+="|---|"
echo "$hdr"
echo "$sep"
for c in $CORPORA; do
  label=$c
  [ "$c" = 1m ] && label="1,000,000 files"
  for op in scan update; do
    line="| $label, $op | ${R[$c,load]}"
    if [ "$op" = scan ]; then line+=" | $(fmt "${R[$c,scan,treehash]:-}") | "; else line+=" | | $(fmt "${R[$c,walk,find]:-}")"; fi
    line+=" | $(fmt "${R[$c,$op,rsure]:-}")"
    ratios=""
    for k in "${!RD_JAVAS[@]}"; do
      v=${R[$c,$op,rd$k]:-}
      line+=" | $(fmt "$v")"
      jdk=${RD_NAMES[$k]#rdump }
      if [ "$op" = scan ]; then
        ratios+="$jdk: $(ratio "$(w "${R[$c,scan,treehash]:-}")" "$(w "$v")" '%.2f') of treehash's speed"
      else
        ratios+="$jdk: $(ratio "$(w "$v")" "$(w "${R[$c,walk,find]:-}")" '%.2f')x the stat walk"
      fi
      [ -n "$RSURE" ] && ratios+=", $(ratio "$(w "${R[$c,$op,rsure]:-}")" "$(w "$v")" '%.2f')x rsure's speed"
      ratios+="; "
    done
    echo "$line | ${ratios%; } |"
  done
done
if [ -z "$RSURE" ]; then
  echo
  echo "rsure: not on PATH (set RSURE or PATH), not timed."
fi
if [ "$EXTRA" = 1 ]; then
  echo
  echo "| corpus | hashdeep -c sha1 -r | find \| xargs -P$THREADS -n 64 openssl dgst -sha1 |"
  echo "|---|---:|---:|"
  for c in $CORPORA; do
    [ "$c" = 1m ] && continue
    echo "| $c | $(fmt "${R[$c,scan,hashdeep]:-}") | $(fmt "${R[$c,scan,openssl]:-}") |"
  done
fi
echo
echo "Goals (issue 11): 1,000,000 files scan >= 1.00 of treehash's speed and <= 150 MB; update <= 1.5x the"
echo "stat walk and <= 150 MB; big, mixed, tiny: scan and update faster than rsure (> 1.00x rsure's speed)."
echo "load after: $(load); log of every run: $LOG"
