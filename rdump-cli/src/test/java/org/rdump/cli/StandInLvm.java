package org.rdump.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.rdump.testkit.StandInPrograms;

/**
 * Just enough LVM for an end-to-end run on a kernel without device-mapper: stand-in
 * {@code lvcreate -L SIZE -s -n SNAP VG/LV}, {@code lvs ... VG/LV}, {@code lvremove -f VG/LV},
 * {@code mount -o OPTS /dev/VG/LV DIR}, {@code umount DIR} and {@code mountpoint -q DIR} (plus a
 * logging {@code mkdir}), each recording its call. A logical volume {@code VG/LV} is the
 * directory {@code state/lvm/VG/LV}; a snapshot is a copy of its origin's directory with its
 * origin noted in {@code state/lvm/VG/.SNAP.origin}; mounting copies the volume's directory into
 * the mount point and notes {@code DIR<TAB>DEVICE} in {@code state/mounts}; unmounting empties
 * the mount point. As with real LVM, a mounted snapshot cannot be removed and a missing volume
 * makes lvs exit 5. (rdump-lvm's own tests use a fuller set: thin volumes, overflow.)
 */
final class StandInLvm {
    private static final String LIB = """
            L="$STANDIN_STATE/lvm"; M="$STANDIN_STATE/mounts"; touch "$M"
            split() { case $1 in */*) vg=${1%%/*}; lv=${1#*/};; *) echo "stand-in: expected VG/LV, got $1" >&2; exit 3;; esac; }
            mounted_at() { awk -F'\\t' -v d="$1" '$1 == d {f=1} END {exit !f}' "$M"; }
            dev_mounted() { awk -F'\\t' -v d="$1" '$2 == d {f=1} END {exit !f}' "$M"; }
            """;
    private static final String LVCREATE = """
            size=; snap=; target=
            while [ $# -gt 0 ]; do
              case "$1" in -L) size=$2; shift 2;; -s) shift;; -n) snap=$2; shift 2;; *) target=$1; shift;; esac
            done
            split "$target"
            [ -n "$size" ] || { echo "  Please specify either size or extents with snapshots." >&2; exit 3; }
            [ -d "$L/$vg/$lv" ] || { echo "  Failed to find logical volume \\"$target\\"" >&2; exit 5; }
            [ ! -e "$L/$vg/$snap" ] || { echo "  Logical Volume \\"$snap\\" already exists in volume group \\"$vg\\"" >&2; exit 5; }
            mkdir "$L/$vg/$snap" && cp -a "$L/$vg/$lv/." "$L/$vg/$snap/" && echo "$lv" > "$L/$vg/.$snap.origin"
            echo "  Logical volume \\"$snap\\" created."
            """;
    private static final String LVS = """
            for a in "$@"; do target=$a; done
            split "$target"
            if [ "$1" = --noheadings ]; then
              [ -d "$L/$vg/$lv" ] || { echo "  Failed to find logical volume \"$target\"" >&2; exit 5; }
              echo "  $(cat "$L/$vg/.$lv.origin" 2>/dev/null)"; exit 0
            fi
            if [ ! -d "$L/$vg/$lv" ]; then
              printf '{"report":[{"lv":[]}]}\\n'; echo "  Failed to find logical volume \\"$target\\"" >&2; exit 5
            fi
            if [ -f "$L/$vg/.$lv.origin" ]; then attr=swi-a-s---; origin=$(cat "$L/$vg/.$lv.origin"); pct=0.00
            else attr=-wi-ao----; origin=; pct=; fi
            printf '{"report":[{"lv":[{"lv_name":"%s","lv_attr":"%s","origin":"%s","snap_percent":"%s","data_percent":"%s"}]}]}\\n' \\
              "$lv" "$attr" "$origin" "$pct" "$pct"
            """;
    private static final String LVREMOVE = """
            [ "$1" = -f ] || { echo "stand-in lvremove: expected -f" >&2; exit 3; }
            split "$2"
            [ -d "$L/$vg/$lv" ] || { echo "  Failed to find logical volume \\"$2\\"" >&2; exit 5; }
            if dev_mounted "/dev/$vg/$lv"; then echo "  Logical volume $vg/$lv contains a filesystem in use." >&2; exit 5; fi
            rm -rf "$L/$vg/$lv" "$L/$vg/.$lv.origin"
            echo "  Logical volume \\"$lv\\" successfully removed."
            """;
    private static final String MOUNT = """
            [ "$1" = -o ] || { echo "stand-in mount: expected -o OPTIONS" >&2; exit 3; }
            dev=$3; dir=$4; split "${dev#/dev/}"
            [ -d "$L/$vg/$lv" ] || { echo "mount: $dir: special device $dev does not exist." >&2; exit 32; }
            [ -d "$dir" ] || { echo "mount: $dir: mount point does not exist." >&2; exit 32; }
            ! mounted_at "$dir" || { echo "mount: $dir: already mounted." >&2; exit 32; }
            cp -a "$L/$vg/$lv/." "$dir/"
            printf '%s\\t%s\\n' "$dir" "$dev" >> "$M"
            """;
    private static final String UMOUNT = """
            mounted_at "$1" || { echo "umount: $1: not mounted." >&2; exit 32; }
            find "$1" -mindepth 1 -delete
            awk -F'\\t' -v d="$1" '$1 != d' "$M" > "$M.new"; mv "$M.new" "$M"
            """;
    private static final String MOUNTPOINT = """
            [ "$1" = -q ] || { echo "stand-in mountpoint: expected -q" >&2; exit 3; }
            [ -e "$2" ] || exit 1
            mounted_at "$2" && exit 0
            exit 32
            """;

    final StandInPrograms programs;

    StandInLvm(Path root) throws IOException {
        programs = StandInPrograms.in(root);
        Files.writeString(programs.state().resolve("lib.sh"), LIB);
        String lib = ". \"$STANDIN_STATE/lib.sh\"\n";
        programs.add("lvcreate", lib + LVCREATE).add("lvs", lib + LVS).add("lvremove", lib + LVREMOVE)
                .add("mount", lib + MOUNT).add("umount", lib + UMOUNT).add("mountpoint", lib + MOUNTPOINT)
                .passThrough("mkdir");
    }

    /** The directory that is logical volume {@code vg/lv} (made if missing). */
    Path volume(String vg, String lv) throws IOException {
        return Files.createDirectories(programs.state().resolve("lvm").resolve(vg).resolve(lv));
    }

    /** The logical volumes of {@code vg} that exist now, sorted. */
    List<String> volumes(String vg) throws IOException {
        try (Stream<Path> s = Files.list(programs.state().resolve("lvm").resolve(vg))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The lines of the mount table: {@code DIR<TAB>DEVICE}. */
    List<String> mounts() throws IOException {
        Path m = programs.state().resolve("mounts");
        return Files.exists(m) ? Files.readAllLines(m) : List.of();
    }
}
