#!/usr/bin/env bash
# Builds rdump and runs a real backup of a sample tree, then a verified test restore.
# Needs JDK 17+, Maven and rsync; no root. `run.sh --no-build` runs again with the jar already built.
# Prints no terminal escape codes when its output is not a terminal (QuickstartJarIT).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
command -v rsync >/dev/null || { echo "the quickstart needs rsync: sudo apt-get install -y rsync" >&2; exit 1; }
if [ "${1:-}" != --no-build ]; then
  echo "== building rdump (mvn -DskipTests package)"
  # the top's .mvn/jvm.config keeps Debian's Maven 3.8 from printing colour resets in batch mode
  (cd "$top" && mvn -B -q -DskipTests package)
fi
cd "$here"
./make-sample-tree.sh work/sample
echo "== rdump backup --verify (config: examples/quickstart/rdump.yaml)"
"$top/bin/rdump" --config rdump.yaml backup --verify
echo "== the backups: $(ls work/backups/sample 2>/dev/null | tr '\n' ' ')"
