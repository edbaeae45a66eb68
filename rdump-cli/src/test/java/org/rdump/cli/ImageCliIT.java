package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.command.Command;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.Ext4TestVolume;
import org.rdump.testkit.TreeFixture;
import org.rdump.testkit.TreeSnapshot;

/**
 * {@code type: image} through the real command line, on a {@code simple:} volume that is an ext4
 * file system on a loop device: backup (remounted read-only while read), verify (the image on a
 * loop device, mounted read-only, checked against the manifest, then released), list, restore of
 * the whole tree and of one path; a damaged image (exit 5), a file open for writing (refused), a
 * run killed while it writes the image (recovered: no image, file system writable, no loop
 * device), and configuration errors with their positions.
 */
class ImageCliIT {
    private static final LocalCommandRunner RUN = new LocalCommandRunner();

    @TempDir
    Path dir;

    private Ext4TestVolume fs;

    @AfterEach
    void close() {
        if (fs != null) {
            RUN.run(Command.of("mount", "-o", "remount,rw", fs.mount.toString()).accepting(0, 1, 32));
            fs.close();
        }
    }

    private Path images() {
        return dir.resolve("images");
    }

    private void config(int mebibytes, String extra) throws Exception {
        fs = Ext4TestVolume.create("img", mebibytes);
        Path root = fs.mount;
        TreeFixture.at(root)
                .file("EFI/BOOT/BOOTX64.EFI", "not really a boot loader\n")
                .randomFile("EFI/debian/grubx64.efi", 200 * 1024, 7)
                .file("odd names/tab\there", "tab\n")
                .file("odd names/ünïcödé – “quotes”", "utf-8\n")
                .file("odd names/-leading dash", "dash\n")
                .hardLink("EFI/debian/grub-link.efi", "EFI/debian/grubx64.efi")
                .symlink("EFI/current", "debian/grubx64.efi")
                .mode("EFI/BOOT/BOOTX64.EFI", "rwx------");
        RUN.run(Command.of("mkfifo", root.resolve("fifo").toString()));
        RUN.run(Command.of("mknod", root.resolve("null-device").toString(), "c", "1", "3"));
        CliProcess.write(dir.resolve("rdump.yaml"), """
                scratch: scratch
                tools:
                  images: {type: image, dest: images, keep: 2%s}
                simple:
                  - name: efi
                    mount: '%s'
                    actions: [rsure, images]
                """.formatted(extra, root));
    }

    private CliProcess.Result ok(String... args) throws Exception {
        CliProcess.Result r = CliProcess.run(dir, Map.of(), args);
        assertThat(r.exitCode()).as(String.join(" ", args) + ":\n" + r.stdout() + r.stderr()).isZero();
        return r;
    }

    private List<String> imageFiles() throws Exception {
        if (!Files.isDirectory(images())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(images())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private String mountOptions() {
        return RUN.run(Command.of("findmnt", "-n", "-o", "OPTIONS", "--mountpoint", fs.mount.toString())).stdout();
    }

    /** Nothing of the test directory is mounted or attached to a loop device. */
    private void assertNothingHeld(String when) {
        assertThat(RUN.run(Command.of("findmnt", "-rn", "-o", "TARGET")).stdout()).as("mounts %s", when)
                .doesNotContain(dir.toString());
        assertThat(RUN.run(Command.of("losetup", "-a")).stdout()).as("loop devices %s", when)
                .doesNotContain(dir.toString());
        assertThat(mountOptions()).as("the volume is writable again %s", when).startsWith("rw");
    }

    @Test
    void backupVerifyListAndRestoreTheWholeTreeAndAPath() throws Exception {
        config(32, "");
        CliProcess.nextSecond();
        CliProcess.Result b = ok("backup");
        assertThat(b.stdout() + b.stderr()).contains("image: wrote " + images().toRealPath());
        List<String> files = imageFiles();
        assertThat(files).hasSize(2);
        assertThat(files.get(0)).matches("efi-[0-9]{8}T[0-9]{6}Z\\.img\\.zst");
        assertThat(files.get(1)).isEqualTo(files.get(0) + ".sha256");
        // the checksum file is sha256sum's own format
        assertThat(RUN.run(Command.of("sha256sum", "-c", "--ignore-missing", files.get(1))
                .withWorkingDirectory(images())).stdout()).contains(files.get(0) + ": OK");
        assertNothingHeld("after the backup");

        CliProcess.Result v = ok("verify", "efi");
        assertThat(v.stdout() + v.stderr()).contains("every file matches the manifest");
        assertNothingHeld("after the verify");

        String stamp = files.get(0).substring("efi-".length(), "efi-".length() + 16);
        assertThat(ok("list", "efi").stdout()).contains(stamp).contains("images (image)");

        Path whole = dir.resolve("whole");
        ok("restore", "efi", "--to", whole.toString());
        assertThat(TreeSnapshot.of(whole).differencesFrom(TreeSnapshot.of(fs.mount))).isEmpty();
        PosixFileAttributes fifo = Files.readAttributes(whole.resolve("fifo"), PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        assertThat(fifo.isOther()).isTrue();
        assertThat(RUN.run(Command.of("stat", "-c", "%F %t,%T %h", whole.resolve("null-device").toString(),
                whole.resolve("EFI/debian/grubx64.efi").toString())).stdoutLines())
                .containsExactly("character special file 1,3 1", "regular file 0,0 2");
        assertThat(Files.readString(whole.resolve("odd names/tab\there"))).isEqualTo("tab\n");
        assertNothingHeld("after the restore");

        Path part = dir.resolve("part");
        ok("restore", "efi", "--to", part.toString(), "--path", "odd names");
        try (Stream<Path> s = Files.list(part)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("odd names");
        }
        assertThat(Files.readString(part.resolve("odd names/ünïcödé – “quotes”"))).isEqualTo("utf-8\n");
        assertNothingHeld("after the restore of a path");
    }

    @Test
    void restoreWithImageWritesTheRawImageToAFileAndToALoopDevice() throws Exception {
        config(16, "");
        ok("backup");
        String rawSum = Files.readAllLines(images().resolve(imageFiles().get(1))).get(1).substring(0, 64);
        Path file = dir.resolve("restored.img");
        CliProcess.Result r = ok("restore", "efi", "--image", "--to", file.toString());
        assertThat(r.stdout() + r.stderr()).contains("wrote the image to " + file);
        assertThat(sha256(file, Files.size(file))).isEqualTo(rawSum);
        assertThat(Files.size(file)).isEqualTo(16L << 20);

        Path blank = dir.resolve("blank.img");
        RUN.run(Command.of("truncate", "-s", "20M", blank.toString()));
        String loop = RUN.run(Command.of("losetup", "-f", "--show", blank.toString())).stdout().strip();
        Path mnt = dir.resolve("mnt");
        try {
            ok("restore", "efi", "--image", "--to", loop);
            assertThat(sha256(Path.of(loop), 16L << 20)).isEqualTo(rawSum);
            Files.createDirectories(mnt);
            RUN.run(Command.of("mount", "-o", "ro", loop, mnt.toString()));
            assertThat(TreeSnapshot.of(mnt).differencesFrom(TreeSnapshot.of(fs.mount))).isEmpty();
        } finally {
            RUN.run(Command.of("umount", mnt.toString()).accepting(0, 1, 32));
            RUN.run(Command.of("losetup", "-d", loop).accepting(0, 1));
        }
        // an existing file is never overwritten
        CliProcess.Result again = CliProcess.run(dir, "restore", "efi", "--image", "--to", file.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stdout() + again.stderr()).contains(file + " exists and is not a block device");
        assertNothingHeld("after the image restores");
    }

    private static String sha256(Path p, long bytes) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(p)) {
            byte[] buf = new byte[1 << 20];
            long left = bytes;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    break;
                }
                md.update(buf, 0, n);
                left -= n;
            }
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    @Test
    void aDamagedImageFailsTheVerifyWithExitFive() throws Exception {
        config(16, "");
        ok("backup");
        Path image = images().resolve(imageFiles().get(0));
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            long at = f.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5a);
        }
        CliProcess.Result r = CliProcess.run(dir, "verify", "efi");
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(5);
        assertThat(r.stdout() + r.stderr()).contains("image " + imageFiles().get(0).replace(".img.zst", "")
                + " in 'images' does not match its checksum file").contains("the image is damaged");
        assertNothingHeld("after the failed verify");
    }

    @Test
    void aFileOpenForWritingIsRefusedRatherThanImagedLive() throws Exception {
        config(16, "");
        try (FileOutputStream open = new FileOutputStream(fs.mount.resolve("being-written").toFile())) {
            open.write(1);
            CliProcess.Result r = CliProcess.run(dir, "backup");
            assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(1);
            assertThat(r.stdout() + r.stderr()).contains("cannot make " + fs.mount + " (" + fs.device
                    + ", volume efi) read-only for its image").contains("rdump never images a file system that is"
                    + " being written");
        }
        assertThat(imageFiles()).isEmpty();
        assertNothingHeld("after the refused backup");
    }

    @Test
    void aRunKilledWhileWritingTheImageLeavesNothingAndTheNextRunSucceeds() throws Exception {
        config(160, ", level: 19, workers: 0");
        TreeFixture.at(fs.mount).randomFile("big.bin", 96 << 20, 3);
        Process p = CliProcess.start(dir, "backup");
        p.getOutputStream().close();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        boolean writing = false;
        while (System.nanoTime() < until && p.isAlive() && !writing) {
            writing = imageFiles().stream().anyMatch(f -> f.endsWith(".img.zst.partial"));
            Thread.sleep(5);
        }
        assertThat(writing).as("the image was being written").isTrue();
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(mountOptions()).as("the killed run left the volume read-only").startsWith("ro");

        CliProcess.Result rec = ok("recover");
        assertThat(rec.stdout() + rec.stderr()).contains(fs.mount.toString());
        assertThat(imageFiles()).isEmpty();
        assertNothingHeld("after recovery");

        CliProcess.Result next = CliProcess.run(dir, Map.of(), "backup");
        assertThat(next.exitCode()).as(next.stdout() + next.stderr()).isZero();
        assertThat(imageFiles()).hasSize(2);
        assertNothingHeld("after the next run");
    }

    @Test
    void aVerifyKilledWhileTheImageIsAttachedLeavesNothingAfterRecovery() throws Exception {
        config(64, "");
        TreeFixture.at(fs.mount).randomFile("some.bin", 24 << 20, 5);
        ok("backup");
        Process p = CliProcess.start(dir, "verify", "efi");
        p.getOutputStream().close();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        boolean attached = false;
        while (System.nanoTime() < until && p.isAlive() && !attached) {
            attached = loopBackingFiles().stream().anyMatch(f -> f.startsWith(dir.toString()));
        }
        assertThat(attached).as("the image was attached to a loop device").isTrue();
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        ok("recover");
        assertNothingHeld("after recovery of a killed verify");
        CliProcess.Result v = ok("verify", "efi");
        assertThat(v.stdout() + v.stderr()).contains("every file matches the manifest");
        assertNothingHeld("after the next verify");
    }

    /** What every loop device is attached to, read from /sys (faster than running losetup). */
    private static List<String> loopBackingFiles() throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/sys/block"))) {
            for (Path b : (Iterable<Path>) s::iterator) {
                Path f = b.resolve("loop/backing_file");
                if (b.getFileName().toString().startsWith("loop") && Files.exists(f)) {
                    try {
                        out.add(Files.readString(f).strip());
                    } catch (java.io.IOException e) {
                        // detached meanwhile
                    }
                }
            }
        }
        return out;
    }

    @Test
    void configurationErrorsNameTheirPositions() throws Exception {
        CliProcess.write(dir.resolve("rdump.yaml"), """
                tools:
                  a: {type: image}
                  b: {type: image, dest: /backup/images, level: 30, keep: 0}
                simple:
                  - name: efi
                    mount: /boot/efi
                    actions: [a, b]
                """);
        CliProcess.Result r = CliProcess.run(dir, "check-config");
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(3);
        assertThat(r.stderr()).contains("rdump: invalid configuration (3 problems):",
                "rdump.yaml:2:3 tools.a: missing required key 'dest' (a path: Directory that holds the images,",
                "rdump.yaml:3:53 tools.b.keep: expected a number of images from 1 up, found 0",
                "rdump.yaml:3:42 tools.b.level: expected a zstd level from 1 to 19, found 30");
    }

}
