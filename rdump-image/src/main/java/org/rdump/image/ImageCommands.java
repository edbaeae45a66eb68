package org.rdump.image;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.rdump.api.UndoAction;
import org.rdump.api.command.Command;

/** The programs the image tool runs, as argument vectors. Pure: builds, never runs. */
final class ImageCommands {
    private static final Duration SHORT = Duration.ofMinutes(2);

    private ImageCommands() {
    }

    /** What is mounted exactly at {@code mountPoint}: {@code SOURCE="..." FSTYPE="..." OPTIONS="..."}; exit 1 when nothing. */
    static Command findmnt(Path mountPoint) {
        return Command.of("findmnt", "-n", "-P", "-o", "SOURCE,FSTYPE,OPTIONS", "--mountpoint", mountPoint.toString())
                .accepting(0, 1).withTimeout(SHORT);
    }

    static List<String> remount(Path mountPoint, String mode) {
        return List.of("mount", "-o", "remount," + mode, mountPoint.toString());
    }

    /**
     * Recovery's remount read-write: only while {@code mountPoint} is still mounted read-only from
     * {@code device} (findmnt {@code -O ro} exits 1 otherwise), so it never touches another mount.
     */
    static UndoAction.Run remountWritable(Path mountPoint, String device) {
        return new UndoAction.Run(remount(mountPoint, "rw"), List.of("findmnt", "-n", "-o", "SOURCE", "-O", "ro",
                "--mountpoint", mountPoint.toString()), device, 3);
    }

    /** The first free loop device ({@code /dev/loopN}). */
    static Command freeLoop() {
        return Command.of("losetup", "-f").withTimeout(SHORT);
    }

    /** Attaches {@code file} read-only to {@code device}; exit 1 when the device was taken meanwhile. */
    static Command attach(String device, Path file) {
        return Command.of("losetup", "-r", device, file.toString()).accepting(0, 1).withTimeout(SHORT);
    }

    /** Recovery's detach: only while {@code device} still holds {@code file}. */
    static UndoAction.Run detach(String device, Path file) {
        return new UndoAction.Run(List.of("losetup", "-d", device),
                List.of("losetup", "-n", "-O", "BACK-FILE", device), file.toString(), 3);
    }

    static Command mountReadOnly(String device, Path mountPoint) {
        return Command.of("mount", "-o", "ro", device, mountPoint.toString()).withTimeout(SHORT);
    }

    /** Recovery's unmount: only while something is mounted there. */
    static UndoAction.Run unmount(Path mountPoint) {
        return new UndoAction.Run(List.of("umount", mountPoint.toString()),
                List.of("mountpoint", "-q", mountPoint.toString()), "", 5);
    }
}
