package org.rdump.integrity.weave;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.rdump.api.IntegrityException;
import org.rdump.integrity.internal.Messages;
import org.rdump.integrity.node.LineReader;
import org.rdump.integrity.node.LineTooLongException;

/**
 * Reads a weave line by line, decompressing it, parsing the header and tracking the open
 * {@code ^AI}/{@code ^AD} blocks (RSURE-FORMAT.md §6). Blocks are kept sorted by delta number; an
 * {@code ^AE n} closes block n wherever it is. Decompression errors become
 * {@link IntegrityException}s naming the file and line.
 */
final class WeaveScanner implements Closeable {
    /** The longest header line accepted: 64 MiB, room for some 200,000 versions with their tags. */
    static final int MAX_HEADER = 64 << 20;

    private final Path path;
    private final Compression compression;
    private final LineReader in;
    private final List<DeltaInfo> deltas;
    private int[] openDelta = new int[8];
    private boolean[] openInsert = new boolean[8];
    private int open;
    private @Nullable String line;
    private boolean control;

    private WeaveScanner(Path path, Compression compression, LineReader in, List<DeltaInfo> deltas) {
        this.path = path;
        this.compression = compression;
        this.in = in;
        this.deltas = deltas;
    }

    /** Opens the weave and reads its header line. */
    static WeaveScanner open(Path path) {
        Compression c = Compression.ofName(path.getFileName().toString());
        InputStream raw;
        try {
            raw = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new IntegrityException(path, "no such manifest file", e);
        } catch (IOException e) {
            throw new IntegrityException(path, "cannot open: " + e, e);
        }
        LineReader reader;
        try {
            // inflating runs on a helper thread, beside the parse and merge (benchmarks/RESULTS.md)
            reader = new LineReader(c == Compression.PLAIN ? raw
                    : new ReadAheadInputStream(c.decompress(raw), "rdump-weave-read"));
        } catch (IOException e) {
            closeQuietly(raw);
            throw new IntegrityException(path, 1, "corrupt or truncated " + c.label + " data: " + Messages.describe(e), e);
        }
        WeaveScanner s = new WeaveScanner(path, c, reader, List.of());
        try {
            String first = s.rawLine(MAX_HEADER);
            if (first == null) {
                throw new IntegrityException(path, 1, "truncated weave: the file is empty", null);
            }
            List<DeltaInfo> d;
            try {
                d = WeaveHeader.parse(first);
            } catch (IllegalArgumentException e) {
                throw new IntegrityException(path, 1, Messages.describe(e), e);
            }
            return new WeaveScanner(path, c, reader, d);
        } catch (RuntimeException e) {
            closeQuietly(reader);
            throw e;
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    private @Nullable String rawLine() {
        return rawLine(LineReader.MAX_LINE);
    }

    private @Nullable String rawLine(int maxLength) {
        try {
            return in.nextLine(maxLength);
        } catch (LineTooLongException e) {
            throw new IntegrityException(path, e.line(), e.problem(), e);
        } catch (IOException e) {
            throw new IntegrityException(path, in.lineNumber() + 1,
                    "corrupt or truncated " + compression.label + " data: " + Messages.describe(e), e);
        }
    }

    /** The deltas of the header, oldest first. */
    List<DeltaInfo> deltas() {
        return deltas;
    }

    Path path() {
        return path;
    }

    /**
     * Moves to the next body line, applying control lines to the block state.
     *
     * @return false at the end of the weave (after checking that no block is left open)
     */
    boolean advance() {
        String l = rawLine();
        line = l;
        if (l == null) {
            if (open > 0) {
                throw fail("truncated weave: block " + (openInsert[open - 1] ? "I " : "D ")
                        + openDelta[open - 1] + " still open at the end");
            }
            if (!in.lastLineTerminated()) {
                throw fail("truncated weave: the last line has no newline");
            }
            return false;
        }
        control = !l.isEmpty() && l.charAt(0) == '\u0001';
        if (control) {
            applyControl(l);
        }
        return true;
    }

    private void applyControl(String l) {
        if (l.length() < 4 || l.charAt(2) != ' ') {
            throw fail("unknown control line \"" + printable(l) + "\"");
        }
        char op = l.charAt(1);
        int n = 0;
        for (int i = 3; i < l.length(); i++) {
            char c = l.charAt(i);
            if (c < '0' || c > '9' || n > 100_000_000) {
                throw fail("bad delta number in control line \"" + printable(l) + "\"");
            }
            n = n * 10 + (c - '0');
        }
        switch (op) {
            case 'I', 'D' -> openBlock(n, op == 'I', l);
            case 'E' -> closeBlock(n, l);
            default -> throw fail("unknown control line \"" + printable(l) + "\"");
        }
    }

    private void openBlock(int n, boolean insert, String l) {
        int at = open;
        for (int i = 0; i < open; i++) {
            if (openDelta[i] == n) {
                throw fail("block " + n + " opened twice: \"" + printable(l) + "\"");
            }
            if (openDelta[i] > n && at == open) {
                at = i;
            }
        }
        if (open == openDelta.length) {
            openDelta = Arrays.copyOf(openDelta, open * 2);
            openInsert = Arrays.copyOf(openInsert, open * 2);
        }
        System.arraycopy(openDelta, at, openDelta, at + 1, open - at);
        System.arraycopy(openInsert, at, openInsert, at + 1, open - at);
        openDelta[at] = n;
        openInsert[at] = insert;
        open++;
    }

    private void closeBlock(int n, String l) {
        for (int i = 0; i < open; i++) {
            if (openDelta[i] == n) {
                System.arraycopy(openDelta, i + 1, openDelta, i, open - i - 1);
                System.arraycopy(openInsert, i + 1, openInsert, i, open - i - 1);
                open--;
                return;
            }
        }
        throw fail("\"" + printable(l) + "\" closes a block that is not open");
    }

    /** Whether the current line is a control line (already applied). */
    boolean isControl() {
        return control;
    }

    /** The current line (ISO-8859-1, without newline). */
    String line() {
        String l = line;
        if (l == null) {
            throw new IllegalStateException("no current line");
        }
        return l;
    }

    /** Whether the current data line belongs to version {@code v}. */
    boolean keptIn(int v) {
        for (int i = open - 1; i >= 0; i--) {
            if (openInsert[i]) {
                return v >= openDelta[i];
            }
            if (v >= openDelta[i]) {
                return false;
            }
        }
        return false;
    }

    long lineNumber() {
        return in.lineNumber();
    }

    IntegrityException fail(String problem) {
        return new IntegrityException(path, in.lineNumber(), problem, null);
    }

    static String printable(String l) {
        return l.replace("\u0001", "^A");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
