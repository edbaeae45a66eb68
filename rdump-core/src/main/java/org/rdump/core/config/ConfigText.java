package org.rdump.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.rdump.api.ConfigProblem;

/**
 * Turns the bytes of a configuration file into text, or says in one sentence why they are not a
 * configuration: too large, a UTF-16 or UTF-32 file (recognised by its byte order mark), a NUL
 * byte (binary data), or a byte sequence that is not UTF-8, with its line and column. A UTF-8
 * byte order mark is dropped.
 */
final class ConfigText {
    /** The largest configuration file read: 1 MiB, far more than any real configuration. */
    static final int MAX_BYTES = 1 << 20;

    private ConfigText() {
    }

    /** Why bytes are not a configuration's text; the message names the position. */
    static final class NotTextException extends Exception {
        private static final long serialVersionUID = 1L;

        NotTextException(String message) {
            super(message);
        }
    }

    /** The message for a file of {@code size} bytes, or null when the size is fine. */
    static @Nullable String tooLarge(long size) {
        return size <= MAX_BYTES ? null : "the file is " + size + " bytes, more than the limit of " + MAX_BYTES
                + " bytes (1 MiB) for a configuration; is this the right file?";
    }

    static String decode(byte[] bytes) throws NotTextException {
        String tooLarge = tooLarge(bytes.length);
        if (tooLarge != null) {
            throw new NotTextException(tooLarge);
        }
        String bom = otherEncoding(bytes);
        if (bom != null) {
            throw new NotTextException("the file is " + bom + " (it starts with a " + bom
                    + " byte order mark); save it as UTF-8");
        }
        int start = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new NotTextException("not UTF-8 text: a NUL byte (0x00) at " + where(bytes, start, i)
                        + " (binary data, or UTF-16/UTF-32 text without a byte order mark; save it as UTF-8)");
            }
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) {
            r = d.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            throw new NotTextException("not UTF-8 text: invalid byte 0x"
                    + String.format(Locale.ROOT, "%02X", bytes[at] & 0xFF) + " at " + where(bytes, start, at)
                    + "; save the file as UTF-8");
        }
        return out.flip().toString();
    }

    /**
     * Reads configuration text given as characters, up to {@link #MAX_BYTES} of them.
     *
     * @throws NotTextException when there are more
     */
    static String read(Reader reader) throws IOException, NotTextException {
        char[] buf = new char[8192];
        StringBuilder sb = new StringBuilder();
        for (int n; (n = reader.read(buf)) >= 0; ) {
            sb.append(buf, 0, n);
            if (sb.length() > MAX_BYTES) {
                throw new NotTextException("the configuration is more than " + MAX_BYTES
                        + " characters long, the limit (1 MiB); is this the right file?");
            }
        }
        return sb.toString();
    }

    /**
     * The first line longer than {@link YamlTree#MAX_SCALAR} characters, as a problem, or null.
     * Checked before parsing because the YAML scanner takes seconds over one very long word.
     */
    static @Nullable ConfigProblem longLine(String fileName, String text) {
        int line = 1;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            if (end - start > YamlTree.MAX_SCALAR) {
                return new ConfigProblem(fileName + ":" + line + ":1", "line " + line + " is " + (end - start)
                        + " characters long, more than the limit of " + YamlTree.MAX_SCALAR
                        + " characters for a line; is this the right file?");
            }
            line++;
            start = end + 1;
        }
        return null;
    }

    private static @Nullable String otherEncoding(byte[] b) {
        if (startsWith(b, 0x00, 0x00, 0xFE, 0xFF) || startsWith(b, 0xFF, 0xFE, 0x00, 0x00)) {
            return "UTF-32";
        }
        if (startsWith(b, 0xFE, 0xFF) || startsWith(b, 0xFF, 0xFE)) {
            return "UTF-16";
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code line L, column C (byte offset N)}: columns count characters, as the YAML positions do. */
    private static String where(byte[] b, int start, int at) {
        int line = 1;
        int column = 1;
        for (int i = start; i < at; i++) {
            if (b[i] == '\n') {
                line++;
                column = 1;
            } else if ((b[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return "line " + line + ", column " + column + " (byte offset " + at + ")";
    }
}
