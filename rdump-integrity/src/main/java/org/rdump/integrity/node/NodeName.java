package org.rdump.integrity.node;

import java.util.Arrays;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;

/**
 * An immutable file name as raw bytes (not necessarily UTF-8), with its escaped form (RSURE-FORMAT.md
 * §2). Equality and hash code are over the bytes; {@link #toString()} is the escaped form.
 *
 * <p>Two orders exist: {@link #RAW_ORDER} (unsigned bytes, the order rsure's scan writes entries
 * in) and {@link #ESCAPED_ORDER} (the order of the escaped strings, which rsure's compare and update
 * use). They differ for names holding escaped bytes.
 *
 * @since 0.1
 */
public final class NodeName {
    /** Unsigned lexicographic order of the raw bytes. */
    public static final Comparator<NodeName> RAW_ORDER = (a, b) -> Arrays.compareUnsigned(a.raw, b.raw);

    /** Order of the escaped strings (ASCII, so char order equals byte order). */
    public static final Comparator<NodeName> ESCAPED_ORDER = Comparator.comparing(NodeName::escaped);

    private final byte[] raw;
    private @Nullable String escaped;

    private NodeName(byte[] raw, @Nullable String escaped) {
        this.raw = raw;
        this.escaped = escaped;
    }

    /**
     * @param raw the raw bytes; never null; copied
     * @return the name; never null
     */
    public static NodeName of(byte[] raw) {
        return new NodeName(raw.clone(), null);
    }

    /**
     * @param escaped the escaped form, as found in a file (upper-case hex accepted); never null
     * @return the name; never null
     * @throws IllegalArgumentException on a dangling '=' or a bad hex digit (the message says which)
     */
    public static NodeName fromEscaped(String escaped) {
        byte[] raw = NameCodec.unescape(escaped);
        return new NodeName(raw, NameCodec.isCanonical(escaped) ? escaped : null);
    }

    /** The raw bytes; a fresh copy each call. */
    public byte[] bytes() {
        return raw.clone();
    }

    /** The canonical escaped form (lower-case hex, only the bytes that must be escaped). */
    public String escaped() {
        String e = escaped;
        if (e == null) {
            e = NameCodec.escape(raw);
            escaped = e;
        }
        return e;
    }

    /** The number of raw bytes. */
    public int length() {
        return raw.length;
    }

    /**
     * Why this name cannot be one entry of a directory, or null when it can: {@code .}, {@code ..},
     * a {@code /} or a NUL byte (a path escape on restore, or no file name at all).
     */
    @Nullable String unsafeReason() {
        if (raw.length == 1 && raw[0] == '.' || raw.length == 2 && raw[0] == '.' && raw[1] == '.') {
            return "\"" + new String(raw, java.nio.charset.StandardCharsets.US_ASCII)
                    + "\" is not a file name (expected one entry of the directory)";
        }
        for (byte b : raw) {
            if (b == '/' || b == 0) {
                return "a file name cannot contain " + (b == 0 ? "a NUL byte" : "'/'")
                        + " (expected one entry of the directory)";
            }
        }
        return null;
    }

    /** Compares with {@link #RAW_ORDER} without copying. */
    public int compareRaw(NodeName other) {
        return Arrays.compareUnsigned(raw, other.raw);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof NodeName n && Arrays.equals(raw, n.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return escaped();
    }
}
