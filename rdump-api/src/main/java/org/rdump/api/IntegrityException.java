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
    private final long line;

    /**
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

    public IntegrityException(Path path, String problem, @Nullable Throwable cause) {
        this(path, 0, problem, cause);
    }

    public Path path() {
        return path;
    }

    /** The 1-based line of the problem; empty when no line applies. */
    public OptionalLong line() {
        return line > 0 ? OptionalLong.of(line) : OptionalLong.empty();
    }
}
