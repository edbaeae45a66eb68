package org.rdump.integrity.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelHasherTest {
    @TempDir
    Path dir;

    private static String sha1(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
    }

    private List<String> run(HashOptions options, List<Path> files, List<String> progressSeen) throws IOException {
        List<String> out = new ArrayList<>();
        try (ParallelHasher<String> h = new ParallelHasher<>(options,
                (item, r) -> out.add(item + "=" + (r.error() != null ? "ERR" : r.sha1())),
                p -> progressSeen.add(p.filesDone() + "/" + p.filesTotal() + (p.totalsKnown() ? " final" : "")))) {
            for (int i = 0; i < files.size(); i++) {
                h.submit("pass" + i, null, 0);
                h.submit("f" + i, files.get(i), Files.size(files.get(i)));
            }
            h.finish();
            assertThat(h.submittedFiles()).isEqualTo(files.size());
        }
        return out;
    }

    @Test
    void hashesInSubmissionOrderWithMappedAndReadFilesAndASmallWindow() throws Exception {
        Random rnd = new Random(42);
        int[] sizes = {0, 1, 4095, 4096, 4097, 8193, 70_000, 300_000, 1 << 20};
        List<Path> files = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            byte[] data = new byte[sizes[i % sizes.length]];
            rnd.nextBytes(data);
            Path f = Files.write(dir.resolve("f" + i), data);
            files.add(f);
            expected.add("pass" + i + "=null");
            expected.add("f" + i + "=" + sha1(data));
        }
        // mapping from 64 KiB on, in 8 KiB chunks (many windows per file); window of 3 items
        HashOptions mapped = new HashOptions(3, 3, 65536, 8192, 4096);
        assertThat(run(mapped, files, new ArrayList<>())).containsExactlyElementsOf(expected);
        HashOptions readOnly = new HashOptions(2, 1000, Long.MAX_VALUE, 1 << 20, 16384);
        List<String> progress = new ArrayList<>();
        assertThat(run(readOnly, files, progress)).containsExactlyElementsOf(expected);
        assertThat(progress).last().isEqualTo("60/60 final");
    }

    @Test
    void anUnreadableFileGivesAnErrorAndTheOthersGoOn() throws Exception {
        Path good = Files.writeString(dir.resolve("good"), "hello\n");
        Path gone = dir.resolve("vanished");
        List<String> out = new ArrayList<>();
        long failed;
        try (ParallelHasher<String> h = new ParallelHasher<>(HashOptions.defaults(),
                (item, r) -> out.add(item + "=" + (r.error() != null ? "ERR" : r.sha1())), p -> { })) {
            h.submit("gone", gone, 10);
            h.submit("good", good, 6);
            h.finish();
            failed = h.failedFiles();
        }
        assertThat(out).containsExactly("gone=ERR", "good=f572d396fae9206628714fb2ce00f72e94f2258f");
        assertThat(failed).isEqualTo(1);
    }

    @Test
    void aFileThatShrinksWhileMappedIsAnErrorNotACrashOrAHang() throws Exception {
        Path big = Files.write(dir.resolve("big"), new byte[8 << 20]);
        List<String> out = new ArrayList<>();
        // one 8 MiB mapping; the file is cut to 4 KiB before the worker reads it
        HashOptions o = new HashOptions(1, 4, 4096, 8 << 20, 4096);
        try (ParallelHasher<String> h = new ParallelHasher<>(o,
                (item, r) -> out.add(item + "=" + (r.error() != null ? "ERR" : r.sha1())), p -> { })) {
            FileDigester.afterMapForTests = f -> {
                try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
                    ch.truncate(4096);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            h.submit("big", big, 8 << 20);
            h.finish();
        } finally {
            FileDigester.afterMapForTests = null;
        }
        assertThat(out).containsExactly("big=ERR");
    }
}
