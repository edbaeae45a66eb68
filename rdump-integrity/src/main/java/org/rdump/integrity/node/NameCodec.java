package org.rdump.integrity.node;

/**
 * The escaping of names and attribute values in the asure-2.0 format (RSURE-FORMAT.md §2): bytes
 * {@code '!'..'~'} stand for themselves except {@code '='}, {@code '['} and {@code ']'}; every other
 * byte is written {@code =xx} with two lower-case hex digits. Decoding accepts either case.
 *
 * <p>Names are byte strings: decoding yields bytes, never characters of a charset. Stateless and
 * thread-safe.
 *
 * @since 0.1
 */
public final class NameCodec {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private NameCodec() {}

    /** Whether the byte is written as itself (not as {@code =xx}). */
    static boolean isPlain(int b) {
        return b >= '!' && b <= '~' && b != '=' && b != '[' && b != ']';
    }

    /**
     * Escapes raw bytes.
     *
     * @param raw the bytes; never null
     * @return the escaped text, ASCII only; never null
     */
    public static String escape(byte[] raw) {
        int extra = 0;
        for (byte b : raw) {
            if (!isPlain(b & 0xff)) {
                extra += 2;
            }
        }
        if (extra == 0) {
            return new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        char[] out = new char[raw.length + extra];
        int o = 0;
        for (byte b : raw) {
            int v = b & 0xff;
            if (isPlain(v)) {
                out[o++] = (char) v;
            } else {
                out[o++] = '=';
                out[o++] = HEX[v >>> 4];
                out[o++] = HEX[v & 0xf];
            }
        }
        return new String(out);
    }

    /**
     * Decodes escaped text to the raw bytes. Characters other than {@code =xx} sequences stand for
     * their own byte (characters above U+00FF are rejected).
     *
     * @param escaped the escaped text; never null
     * @return the raw bytes; never null
     * @throws IllegalArgumentException on a dangling {@code '='}, a non-hex digit after {@code '='}
     *     or a character that is not a single byte; the message states the problem and offset
     */
    public static byte[] unescape(CharSequence escaped) {
        int n = escaped.length();
        byte[] out = new byte[n];
        int o = 0;
        for (int i = 0; i < n; i++) {
            char c = escaped.charAt(i);
            if (c == '=') {
                if (i + 2 >= n) {
                    throw new IllegalArgumentException("dangling '=' at offset " + i);
                }
                int hi = hexValue(escaped.charAt(i + 1));
                int lo = hexValue(escaped.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    char bad = hi < 0 ? escaped.charAt(i + 1) : escaped.charAt(i + 2);
                    throw new IllegalArgumentException(
                            "bad hex digit '" + bad + "' after '=' at offset " + i);
                }
                out[o++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c > 0xff) {
                throw new IllegalArgumentException(
                        "character U+" + String.format("%04X", (int) c) + " at offset " + i + " is not a byte");
            } else {
                out[o++] = (byte) c;
            }
        }
        return o == n ? out : java.util.Arrays.copyOf(out, o);
    }

    /** Whether {@code escaped} is exactly what {@link #escape} gives for its decoded bytes. */
    static boolean isCanonical(CharSequence escaped) {
        int n = escaped.length();
        for (int i = 0; i < n; i++) {
            char c = escaped.charAt(i);
            if (c == '=') {
                if (i + 2 >= n) {
                    return false;
                }
                char h = escaped.charAt(i + 1);
                char l = escaped.charAt(i + 2);
                int hi = lowerHexValue(h);
                int lo = lowerHexValue(l);
                if (hi < 0 || lo < 0 || isPlain(hi << 4 | lo)) {
                    return false;
                }
                i += 2;
            } else if (!isPlain(c)) {
                return false;
            }
        }
        return true;
    }

    private static int lowerHexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
