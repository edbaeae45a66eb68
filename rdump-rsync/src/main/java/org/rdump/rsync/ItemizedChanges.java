package org.rdump.rsync;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a dry run {@code rsync -n -i --out-format='RDUMP-ITEM %i %n'} (under {@code LC_ALL=C})
 * says would change in a copy: the paths it would create or update, and those it would delete.
 * Pure; immutable. Paths are raw name bytes relative to the source root, without a trailing
 * {@code /}; the root itself is {@code .}.
 *
 * <p>rsync escapes, in its output, every byte below 0x20 except tab, every byte the C locale does
 * not print (0x7f and up), and a backslash that starts {@code \#ddd}, as {@code \#ooo} (three octal
 * digits); {@link #decode} undoes that exactly.
 *
 * @param changed the paths to copy (created, updated, or changed in attributes), in rsync's order
 * @param deleted the paths the source no longer has, in rsync's order
 */
record ItemizedChanges(List<byte[]> changed, List<byte[]> deleted) {
    /** The prefix of every line of the out-format; other lines (rsync's own) are ignored. */
    static final String PREFIX = "RDUMP-ITEM ";
    /** The {@code --out-format} that {@link #parse} reads. */
    static final String OUT_FORMAT = PREFIX + "%i %n";
    private static final int ITEMIZE_WIDTH = 11;
    private static final String DELETING = "*deleting";

    ItemizedChanges {
        changed = List.copyOf(changed);
        deleted = List.copyOf(deleted);
    }

    /**
     * Parses rsync's standard output.
     *
     * @throws IllegalArgumentException for an item line that is not of the form, or a path that
     *     is absolute, empty, or has a {@code ..} component (rsync never prints one)
     */
    static ItemizedChanges parse(String stdout) {
        List<byte[]> changed = new ArrayList<>();
        List<byte[]> deleted = new ArrayList<>();
        for (String line : stdout.split("\n", -1)) {
            if (!line.startsWith(PREFIX)) {
                continue;
            }
            String item = line.substring(PREFIX.length());
            if (item.length() < ITEMIZE_WIDTH + 2 || item.charAt(ITEMIZE_WIDTH) != ' ') {
                throw new IllegalArgumentException("not an rsync itemized line: '" + line + "'");
            }
            String code = item.substring(0, ITEMIZE_WIDTH);
            byte[] path = path(item.substring(ITEMIZE_WIDTH + 1), line);
            if (code.startsWith(DELETING)) {
                deleted.add(path);
            } else if (code.charAt(0) == '*') {
                throw new IllegalArgumentException("unexpected rsync message in itemized output: '" + line + "'");
            } else if ("<>ch.".indexOf(code.charAt(0)) < 0) {
                throw new IllegalArgumentException("unknown rsync update type '" + code.charAt(0) + "' in '" + line
                        + "'");
            } else {
                changed.add(path);
            }
        }
        return new ItemizedChanges(changed, deleted);
    }

    private static byte[] path(String name, String line) {
        byte[] raw = decode(name);
        int end = raw.length;
        while (end > 1 && raw[end - 1] == '/') {
            end--;
        }
        String text = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
        if (text.equals("./") || text.equals(".")) {
            return new byte[] {'.'};
        }
        if (text.isEmpty() || text.startsWith("/") || ("/" + text + "/").contains("/../")) {
            throw new IllegalArgumentException("rsync printed a path outside the tree: '" + line + "'");
        }
        return java.util.Arrays.copyOf(raw, end);
    }

    /** Undoes rsync's {@code \#ooo} escapes; other characters are taken as their (ASCII) bytes. */
    static byte[] decode(String escaped) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(escaped.length());
        int i = 0;
        while (i < escaped.length()) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 4 < escaped.length() && escaped.charAt(i + 1) == '#' && octal(escaped, i + 2)) {
                out.write(Integer.parseInt(escaped.substring(i + 2, i + 5), 8));
                i += 5;
            } else {
                // C locale output is ASCII; anything else came through a UTF-8 decode and goes back as it was
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i++;
            }
        }
        return out.toByteArray();
    }

    private static boolean octal(String s, int from) {
        for (int k = from; k < from + 3; k++) {
            char d = s.charAt(k);
            if (d < '0' || d > '7') {
                return false;
            }
        }
        return s.charAt(from) <= '3';
    }

    /** The paths joined with NUL bytes, each one ended by one (rsync's {@code --from0} list, xargs {@code -0}). */
    static byte[] nulList(List<byte[]> paths) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : paths) {
            out.write(p, 0, p.length);
            out.write(0);
        }
        return out.toByteArray();
    }

    /** The inverse of {@link #nulList}. */
    static List<byte[]> fromNulList(byte[] list) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < list.length; i++) {
            if (list[i] == 0) {
                out.add(java.util.Arrays.copyOfRange(list, start, i));
                start = i + 1;
            }
        }
        if (start != list.length) {
            throw new IllegalArgumentException("a NUL-separated list that does not end with a NUL ("
                    + (list.length - start) + " bytes after the last)");
        }
        return out;
    }
}
