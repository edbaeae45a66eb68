#!/usr/bin/env bash
# Makes a small, deterministic sample tree for the quickstart: text and binary files, a
# sub-directory tree, a symlink, an executable, an empty file and names with spaces and '='.
# Usage: make-sample-tree.sh DIR   (DIR is created; an existing DIR is left as it is)
set -euo pipefail
dir=${1:?usage: make-sample-tree.sh DIR}
if [ -e "$dir" ]; then
  echo "sample tree already at $dir"
  exit 0
fi
mkdir -p "$dir"/etc "$dir"/home/alice/notes "$dir"/var/lib/app "$dir/with space"
printf 'hostname=quickstart\n' > "$dir/etc/host.conf"
printf '#!/bin/sh\necho hello\n' > "$dir/etc/hello.sh"
chmod 0755 "$dir/etc/hello.sh"
: > "$dir/etc/empty"
for i in $(seq 1 200); do
  printf 'note %03d: backups are worthless until a restore is proven\n' "$i" > "$dir/home/alice/notes/note-$i.txt"
done
# 4 MiB of deterministic bytes, so hashing shows a rate.
head -c 4194304 /dev/zero | tr '\0' 'x' > "$dir/var/lib/app/data.bin"
printf 'x=y\n' > "$dir/with space/key=value.txt"
ln -s ../etc/host.conf "$dir/home/alice/host.conf"
echo "sample tree made at $dir: $(find "$dir" | wc -l) entries"
