package org.rdump.integrity.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.rdump.api.IntegrityException;
import org.rdump.integrity.internal.Messages;

/**
 * Reads an asure-2.0 node stream, checking the header ({@code asure-2.0}, {@code -----}) and the
 * structure (one root, balanced {@code d}/{@code u}, one {@code -} per directory, nothing after the
 * root's {@code u}). Malformed input throws {@link IntegrityException} naming the source, the line
 * number and the problem. Streaming: memory grows only with the directory depth. Not thread-safe.
 *
 * @since 0.1
 */
public final class NodeReader implements NodeSource {
    static final String HEADER = "asure-2.0";
    static final String HEADER2 = "-----";

    private final LineSource lines;
    private final Path source;
    private final StructureChecker checker = new StructureChecker();
    private boolean headerChecked;
    private boolean finished;
    private @Nullable String lastLine;

    /**
     * Reads from a byte stream (buffered internally).
     *
     * @param in the stream; never null; closed by {@link #close()}
     * @param sourceName the file or name used in error messages; never null
     */
    public NodeReader(InputStream in, String sourceName) {
        this(new LineReader(in), sourceName, true);
    }

    /**
     * Reads from a character stream; each char must be one byte (escaped text is ASCII).
     *
     * @param in the reader; never null; closed by {@link #close()}
     * @param sourceName the file or name used in error messages; never null
     */
    public NodeReader(BufferedReader in, String sourceName) {
        this(new LineSource() {
            private long n;

            @Override
            public @Nullable String nextLine() throws IOException {
                String l = in.readLine();
                if (l != null) {
                    n++;
                }
                return l;
            }

            @Override
            public long lineNumber() {
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        }, sourceName, true);
    }

    /**
     * Reads from any line source, such as the lines of one version of a weave.
     *
     * @param lines the lines; never null; closed by {@link #close()}
     * @param sourceName the file or name used in error messages; never null
     * @param expectHeader true to check and skip the two header lines, false when the source
     *     starts at the root directory line
     */
    public NodeReader(LineSource lines, String sourceName, boolean expectHeader) {
        this.lines = lines;
        this.source = toPath(sourceName);
        this.headerChecked = !expectHeader;
    }

    /** Opens a plain (uncompressed) node stream file. */
    public static NodeReader open(Path file) throws IOException {
        return new NodeReader(Files.newInputStream(file), file.toString());
    }

    static Path toPath(String name) {
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            return Path.of(name.replace('\0', '?'));
        }
    }

    @Override
    public @Nullable Node next() throws IOException {
        if (finished) {
            return null;
        }
        if (!headerChecked) {
            checkHeader();
        }
        String l = line();
        lastLine = l;
        if (l == null) {
            String problem = checker.end();
            if (problem != null) {
                throw fail(problem);
            }
            finished = true;
            return null;
        }
        Node n;
        try {
            n = NodeLineParser.parse(l);
        } catch (IllegalArgumentException e) {
            throw fail(Messages.describe(e));
        }
        String problem = checker.accept(n);
        if (problem != null) {
            throw fail(problem);
        }
        if (checker.complete() && lines instanceof LineReader r && !r.lastLineTerminated()) {
            throw fail("truncated stream: the last line has no newline");
        }
        return n;
    }

    private void checkHeader() throws IOException {
        headerChecked = true;
        String h1 = line();
        if (h1 == null) {
            throw fail("truncated stream: empty, expected the header \"" + HEADER + "\"");
        }
        if (!h1.equals(HEADER)) {
            throw fail("bad header: expected \"" + HEADER + "\", found \"" + h1 + "\"");
        }
        String h2 = line();
        if (h2 == null) {
            throw fail("truncated stream: expected \"" + HEADER2 + "\" after the header");
        }
        if (!h2.equals(HEADER2)) {
            throw fail("bad header: expected \"" + HEADER2 + "\", found \"" + h2 + "\"");
        }
    }

    private @Nullable String line() throws IOException {
        try {
            return lines.nextLine();
        } catch (LineTooLongException e) {
            throw new IntegrityException(source, e.line(), e.problem(), e);
        }
    }

    private IntegrityException fail(@Nullable String problem) {
        return new IntegrityException(source, lines.lineNumber(), String.valueOf(problem), null);
    }

    /** The exact text of the line last read by {@link #next()} (null at the end or before). */
    public @Nullable String lastLine() {
        return lastLine;
    }

    /** The 1-based line number, in the underlying file, of the line last read. */
    public long lineNumber() {
        return lines.lineNumber();
    }

    /** The current directory depth: 1 inside the root, 0 before it and after its {@code u}. */
    public int depth() {
        return checker.depth();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
