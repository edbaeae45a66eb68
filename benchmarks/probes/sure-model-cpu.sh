#!/bin/bash
# Interleaved CPU (user+sys) of two bin/rdump copies, /tmp/sm/before and /tmp/sm/after (RESULTS.md, stop 18, section 5).
# usage: sure-model-cpu.sh N RDUMP_CDS ARGS...; VER in ARGS becomes before/after; prints: copy user sys wall load
n=$1; cds=$2; shift 2
for i in $(seq 1 $n); do
  for v in before after; do
    args=("$@"); args=("${args[@]//VER/$v}")
    l=$(cut -d' ' -f1 /proc/loadavg)
    RDUMP_CDS=$cds /usr/bin/time -f "%U %S %e" -o /tmp/sm/t.$$ /tmp/sm/$v/bin/rdump "${args[@]}" >/dev/null 2>&1
    echo "$v $(cat /tmp/sm/t.$$) $l"
  done
done
