package org.rdump.integrity.node;

import java.io.IOException;

/**
 * A line exceeds the length a {@link LineReader} accepts: the input is damaged or not a manifest
 * (a multi-megabyte line without a newline would otherwise exhaust memory).
 *
 * @since 0.1
 */
public final class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long line;
    private final int limit;

    /**
     * @param line the 1-based number of the line that is too long
     * @param limit the longest line accepted, in bytes
     */
    public LineTooLongException(long line, int limit) {
        super("line " + line + " is longer than " + limit + " bytes");
        this.line = line;
        this.limit = limit;
    }

    /** The 1-based number of the line that is too long. */
    public long line() {
        return line;
    }

    /** The longest line accepted, in bytes. */
    public int limit() {
        return limit;
    }

    /**
     * The problem for a message that already names the file and line, e.g. "a line longer than
     * 1048576 bytes (1 MiB) without a newline: ...".
     */
    public String problem() {
        String size = limit % (1 << 20) == 0 ? " (" + (limit >> 20) + " MiB)" : "";
        return "a line longer than " + limit + " bytes" + size + " without a newline; no legal manifest line is"
                + " that long: the file is damaged or not a manifest";
    }
}
