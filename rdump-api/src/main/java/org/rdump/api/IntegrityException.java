package org.rdump.api;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A manifest cannot be read or written: malformed input, a truncated file, an I/O error. The
 * message names the file and, for malformed input, the line.
 *
 * @since 0.1
 */
public class IntegrityException extends RdumpException {
    private static final long serialVersionUID = 1L;
    private final transient Path path;
    /** The 1-based line of the problem, or 0 when no line applies. */
    private final long line;

    /**
     * An exception about one line of a file (or the whole file, when {@code line} is 0).
     *
     * @param path the manifest or file concerned; never null
     * @param line the 1-based line of the problem, or 0 when no line applies
     * @param problem what is wrong; never null
     * @param cause may be null
     */
    public IntegrityException(Path path, long line, String problem, @Nullable Throwable cause) {
        super(path + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.path = path;
        this.line = line;
    }

    /**
     * An exception about a whole file.
     *
     * @param path the manifest or file concerned; never null
     * @param problem what is wrong; never null
     * @param cause the underlying error, e.g. an {@code IOException}; may be null
     */
    public IntegrityException(Path path, String problem, @Nullable Throwable cause) {
        this(path, 0, problem, cause);
    }

    /**
     * The manifest or file the problem is in.
     *
     * @return the path, never null (null only after deserialisation, which does not keep it)
     */
    public Path path() {
        return path;
    }

    /**
     * The line of the problem, for malformed input.
     *
     * @return the 1-based line; empty when no line applies
     */
    public OptionalLong line() {
        return line > 0 ? OptionalLong.of(line) : OptionalLong.empty();
    }
}
