#!/usr/bin/env bash
# Builds rdump and runs a real backup of a sample tree, then a verified test restore.
# Needs JDK 17+, Maven and rsync; no root.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
command -v rsync >/dev/null || { echo "the quickstart needs rsync: sudo apt-get install -y rsync" >&2; exit 1; }
echo "== building rdump (mvn -DskipTests package)"
(cd "$top" && mvn -B -q -DskipTests package)
cd "$here"
./make-sample-tree.sh work/sample
echo "== rdump backup --verify (config: examples/quickstart/rdump.yaml)"
"$top/bin/rdump" --config rdump.yaml backup --verify
echo "== the backups: $(ls work/backups/sample 2>/dev/null | tr '\n' ' ')"
