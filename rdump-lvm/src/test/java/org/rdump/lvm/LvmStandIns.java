package org.rdump.lvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.rdump.testkit.StandInPrograms;
import org.rdump.testkit.TestRunContext;

/**
 * Stand-ins for lvcreate, lvchange, lvs, lvremove, mount, umount and mountpoint that emulate
 * LVM on plain directories, since the kernel here has no device-mapper. A logical volume
 * {@code vg/lv} is the directory {@code state/lvm/vg/lv} (its "device" contents) with facts in
 * {@code state/lvm/vg/.lv/} (type, origin, active, percent, invalid, fs); {@code lvcreate -s}
 * copies the origin's directory; {@code mount} copies the device's contents into the mount
 * point and notes it in {@code state/mounts}; {@code umount} empties the mount point again.
 * Like the real programs: a thin snapshot is created inactive and cannot be mounted before
 * {@code lvchange -ay -K}; xfs cannot be mounted without {@code nouuid}; a mounted volume cannot
 * be removed; a missing volume makes lvs print an empty report and exit 5.
 *
 * <p>Also {@code fake-integrity TREE LIVE} (writes {@code 2sure.dat.gz} into TREE and copies it
 * to LIVE) and {@code fake-backup TREE} (copies TREE to {@code state/backup}; raises the
 * snapshot's fill to the contents of {@code state/fill-during-backup} if that file exists, or
 * invalidates it if {@code state/overflow-during-backup} exists), standing in for core's steps.
 */
final class LvmStandIns {
    private static final String LIB = """
            L="$STANDIN_STATE/lvm"
            err() { echo "  $*" >&2; }
            need_vg() { [ -d "$L/$1" ] || { err "Volume group \\"$1\\" not found"; err "Cannot process volume group $1"; exit 5; }; }
            need_lv() { need_vg "$1"; [ -d "$L/$1/.$2" ] || { err "Failed to find logical volume \\"$1/$2\\""; exit 5; }; }
            meta() { cat "$L/$1/.$2/$3" 2>/dev/null; }
            mounted() { [ -f "$STANDIN_STATE/mounts" ] && awk -F'\\t' -v d="$1" '$1 == d {f=1} END {exit !f}' "$STANDIN_STATE/mounts"; }
            device_mounted() { [ -f "$STANDIN_STATE/mounts" ] && awk -F'\\t' -v d="$1" '$2 == d {f=1} END {exit !f}' "$STANDIN_STATE/mounts"; }
            """;

    private static final String LVCREATE = """
            . "$STANDIN_STATE/lib.sh"
            size=; snap=; target=; s=
            while [ $# -gt 0 ]; do
              case "$1" in
                -L) size=$2; shift 2;;
                -s) s=1; shift;;
                -n) snap=$2; shift 2;;
                -*) err "stand-in lvcreate: unexpected option $1"; exit 3;;
                *) target=$1; shift;;
              esac
            done
            [ -n "$s" ] || { err "stand-in lvcreate only makes snapshots"; exit 3; }
            vg=${target%%/*}; lv=${target#*/}
            need_lv "$vg" "$lv"
            if [ -z "$size" ] && [ "$(meta "$vg" "$lv" type)" != thin ]; then
              err "Please specify either size or extents with snapshots."; exit 3
            fi
            [ ! -e "$L/$vg/.$snap" ] || { err "Logical Volume \\"$snap\\" already exists in volume group \\"$vg\\""; exit 5; }
            m="$L/$vg/.$snap"
            mkdir "$m" "$L/$vg/$snap"
            cp -a "$L/$vg/$lv/." "$L/$vg/$snap/"
            echo "$lv" > "$m/origin"
            cp "$L/$vg/.$lv/fs" "$m/fs"
            echo 0.00 > "$m/percent"
            if [ -n "$size" ]; then echo snapshot > "$m/type"; echo yes > "$m/active"
            else echo thinsnap > "$m/type"; echo no > "$m/active"; fi
            echo "$snap" >> "$L/$vg/.order"
            echo "  Logical volume \\"$snap\\" created."
            """;

    private static final String LVCHANGE = """
            . "$STANDIN_STATE/lib.sh"
            [ "$1" = -ay ] && [ "$2" = -K ] || { err "stand-in lvchange: expected -ay -K"; exit 3; }
            vg=${3%%/*}; lv=${3#*/}
            need_lv "$vg" "$lv"
            echo yes > "$L/$vg/.$lv/active"
            """;

    private static final String LVREMOVE = """
            . "$STANDIN_STATE/lib.sh"
            [ "$1" = -f ] || { err "stand-in lvremove: expected -f"; exit 3; }
            vg=${2%%/*}; lv=${2#*/}
            need_lv "$vg" "$lv"
            if device_mounted "/dev/$vg/$lv"; then err "Logical volume $vg/$lv contains a filesystem in use."; exit 5; fi
            rm -rf "$L/$vg/$lv" "$L/$vg/.$lv"
            grep -vx "$lv" "$L/$vg/.order" > "$L/$vg/.order.new"; mv "$L/$vg/.order.new" "$L/$vg/.order"
            echo "  Logical volume \\"$lv\\" successfully removed."
            """;

    private static final String LVS = """
            . "$STANDIN_STATE/lib.sh"
            fields=lv_name,lv_attr; target=; plain=
            while [ $# -gt 0 ]; do
              case "$1" in
                --noheadings) plain=1; shift;;
                --reportformat) [ "$2" = json ] || { err "stand-in lvs speaks json only"; exit 3; }; shift 2;;
                -o) fields=$2; shift 2;;
                -O) shift 2;;
                -*) err "stand-in lvs: unexpected option $1"; exit 3;;
                *) target=$1; shift;;
              esac
            done
            case $target in */*) vg=${target%%/*}; one=${target#*/};; *) vg=$target; one=;; esac
            open_report() { printf '  {\\n      "report": [\\n          {\\n              "lv": [\\n'; }
            close_report() { printf '\\n              ]\\n          }\\n      ]\\n  }\\n'; }
            attr() {
              [ -f "$L/$1/.$2/attr" ] && { meta "$1" "$2" attr; return; }
              act=$(meta "$1" "$2" active)
              case $(meta "$1" "$2" type) in
                linear) echo owi-aos---;;
                thin) echo Vwi-aotz--;;
                snapshot) if [ -f "$L/$1/.$2/invalid" ]; then echo swi-I-s---;
                          elif [ "$act" = yes ]; then echo swi-a-s---; else echo swi---s---; fi;;
                thinsnap) if [ "$act" = yes ]; then echo Vwi-a-tz-k; else echo Vwi---tz-k; fi;;
              esac
            }
            pct() {
              [ "$(meta "$1" "$2" active)" = yes ] || return 0
              if [ -f "$L/$1/.$2/invalid" ]; then echo 100.00; else meta "$1" "$2" percent; fi
            }
            snap_pct() { [ "$(meta "$1" "$2" type)" = snapshot ] && pct "$1" "$2"; }
            data_pct() { case $(meta "$1" "$2" type) in snapshot|thinsnap|thin) pct "$1" "$2";; esac; }
            need_vg "$vg"
            if [ -n "$plain" ]; then
              [ "$fields" = origin ] && [ -n "$one" ] || { err "stand-in lvs: --noheadings only with -o origin VG/LV"; exit 3; }
              [ -d "$L/$vg/.$one" ] || { err "Failed to find logical volume \"$vg/$one\""; exit 5; }
              echo "  $(meta "$vg" "$one" origin)"; exit 0
            fi
            if [ -n "$one" ] && [ ! -d "$L/$vg/.$one" ]; then
              open_report; close_report; err "Failed to find logical volume \\"$vg/$one\\""; exit 5
            fi
            if [ -n "$one" ]; then names=$one; else names=$(cat "$L/$vg/.order"); fi
            open_report; first=1
            for n in $names; do
              [ -n "$first" ] || printf ',\\n'; first=
              printf '                  {'; fsep=
              for f in $(echo "$fields" | tr , ' '); do
                case $f in
                  lv_name) v=$n;; lv_attr) v=$(attr "$vg" "$n");; origin) v=$(meta "$vg" "$n" origin);;
                  snap_percent) v=$(snap_pct "$vg" "$n");; data_percent) v=$(data_pct "$vg" "$n");; *) v=;;
                esac
                printf '%s"%s":"%s"' "$fsep" "$f" "$v"; fsep=', '
              done
              printf '}'
            done
            close_report
            """;

    private static final String MOUNT = """
            . "$STANDIN_STATE/lib.sh"
            opts=
            while [ $# -gt 0 ]; do
              case "$1" in
                -o) opts=$2; shift 2;;
                -*) echo "stand-in mount: unexpected option $1" >&2; exit 3;;
                *) break;;
              esac
            done
            dev=$1; dir=$2
            p=${dev#/dev/}; vg=${p%%/*}; lv=${p#*/}
            if [ ! -d "$L/$vg/.$lv" ] || [ "$(meta "$vg" "$lv" active)" != yes ]; then
              echo "mount: $dir: special device $dev does not exist." >&2; exit 32
            fi
            [ -d "$dir" ] || { echo "mount: $dir: mount point does not exist." >&2; exit 32; }
            if [ "$(meta "$vg" "$lv" fs)" = xfs ]; then
              case ",$opts," in *,nouuid,*) ;; *)
                echo "mount: $dir: wrong fs type, bad option, bad superblock on $dev, missing codepage or helper program, or other error." >&2
                exit 32;;
              esac
            fi
            cp -a "$L/$vg/$lv/." "$dir/"
            printf '%s\\t%s\\t%s\\n' "$dir" "$dev" "$opts" >> "$STANDIN_STATE/mounts"
            """;

    private static final String UMOUNT = """
            . "$STANDIN_STATE/lib.sh"
            dir=$1
            mounted "$dir" || { echo "umount: $dir: not mounted." >&2; exit 32; }
            find "$dir" -mindepth 1 -delete
            awk -F'\\t' -v d="$dir" '$1 != d' "$STANDIN_STATE/mounts" > "$STANDIN_STATE/mounts.new"
            mv "$STANDIN_STATE/mounts.new" "$STANDIN_STATE/mounts"
            """;

    private static final String MOUNTPOINT = """
            . "$STANDIN_STATE/lib.sh"
            [ "$1" = -q ] || { echo "stand-in mountpoint: expected -q" >&2; exit 3; }
            [ -e "$2" ] || exit 1
            mounted "$2" && exit 0
            exit 32
            """;

    private static final String FAKE_INTEGRITY = """
            echo "manifest of $1" > "$1/2sure.dat.gz"
            cp -p "$1/2sure.dat.gz" "$2/2sure.dat.gz"
            """;

    private static final String FAKE_BACKUP = """
            . "$STANDIN_STATE/lib.sh"
            rm -rf "$STANDIN_STATE/backup"; cp -a "$1" "$STANDIN_STATE/backup"
            dev=$(awk -F'\\t' -v d="$1" '$1 == d {print $2}' "$STANDIN_STATE/mounts")
            p=${dev#/dev/}; m="$L/${p%%/*}/.${p#*/}"
            [ -f "$STANDIN_STATE/fill-during-backup" ] && cp "$STANDIN_STATE/fill-during-backup" "$m/percent"
            [ -f "$STANDIN_STATE/overflow-during-backup" ] && touch "$m/invalid"
            exit 0
            """;

    final StandInPrograms programs;

    LvmStandIns(Path root) {
        programs = StandInPrograms.in(root);
        write(programs.state().resolve("lib.sh"), LIB);
        programs.add("lvcreate", LVCREATE).add("lvchange", LVCHANGE).add("lvremove", LVREMOVE)
                .add("lvs", LVS).add("mount", MOUNT).add("umount", UMOUNT).add("mountpoint", MOUNTPOINT)
                .add("fake-integrity", FAKE_INTEGRITY).add("fake-backup", FAKE_BACKUP)
                .passThrough("mkdir");
    }

    /** Creates volume {@code vg/lv} of the given type ({@code linear} or {@code thin}); returns its contents. */
    Path volume(String vg, String lv, String type, String fs) {
        Path group = programs.state().resolve("lvm").resolve(vg);
        Path meta = group.resolve("." + lv);
        mkdirs(meta);
        write(meta.resolve("type"), type + "\n");
        write(meta.resolve("fs"), fs + "\n");
        write(meta.resolve("active"), "yes\n");
        write(meta.resolve("percent"), "0.00\n");
        try {
            Files.writeString(group.resolve(".order"), lv + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mkdirs(group.resolve(lv));
    }

    /** The contents directory of {@code vg/lv}. */
    Path contents(String vg, String lv) {
        return programs.state().resolve("lvm").resolve(vg).resolve(lv);
    }

    boolean exists(String vg, String lv) {
        return Files.isDirectory(programs.state().resolve("lvm").resolve(vg).resolve("." + lv));
    }

    boolean mounted(Path dir) {
        Path mounts = programs.state().resolve("mounts");
        try {
            return Files.exists(mounts) && Files.readAllLines(mounts).stream()
                    .anyMatch(l -> l.startsWith(dir + "\t"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes fake-backup set the snapshot's fill level to {@code percent} while it reads. */
    void fillDuringBackup(String percent) {
        write(programs.state().resolve("fill-during-backup"), percent + "\n");
    }

    /** Makes fake-backup invalidate the snapshot (overflow) while it reads. */
    void overflowDuringBackup() {
        write(programs.state().resolve("overflow-during-backup"), "");
    }

    /** The tree fake-backup saw. */
    Path backup() {
        return programs.state().resolve("backup");
    }

    /** A context whose runner finds the stand-ins first. */
    TestRunContext context(Path scratch) {
        return new TestRunContext(programs.runner(), Clock.systemUTC(), false, "20261124T101500Z", mkdirs(scratch));
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path mkdirs(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
