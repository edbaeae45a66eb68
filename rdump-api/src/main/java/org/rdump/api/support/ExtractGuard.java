package org.rdump.api.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The check, made before a backup tool extracts anything, that the entries of an archive or
 * snapshot cannot be written outside the directory they are restored into. rdump never stores
 * such an entry; an archive not made by rdump, or an altered one, might: a path with a {@code ..}
 * part ({@code sub/../../y}), an entry below a symlink entry that came before it
 * ({@code link -> /etc}, then {@code link/passwd}), an entry below a symlink that already exists
 * in the target, or a file that would replace such a symlink (tools write through both). Used by
 * the borg and restic plugins; pure, except that it looks at what already exists in the target.
 *
 * @since 0.6
 */
public final class ExtractGuard {
    private ExtractGuard() {
    }

    /** What an entry is, as far as the check cares. */
    public enum Kind {
        /** A directory. */
        DIRECTORY,
        /** A regular file (a tool replaces what is at its path). */
        FILE,
        /** A symbolic link: later entries below it would be written through it. */
        SYMLINK,
        /** A device, FIFO, socket or anything else. */
        OTHER
    }

    /**
     * One entry as the tool stored it.
     *
     * @param path its path relative to the archive's root, {@code /}-separated, as stored (a
     *     leading {@code /} makes it absolute, which is refused); never null
     * @param kind what it is; never null
     */
    public record Entry(String path, Kind kind) {
        /**
         * Checks the components.
         *
         * @param path as above
         * @param kind as above
         */
        public Entry {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * The first entry that restoring into {@code into} would write outside it, with why.
     *
     * @param entries in the tool's order (a directory before what is below it); never null
     * @param into the directory they would be restored into; never null
     * @param noun what the tool calls an entry in a message ({@code member}, {@code node}); never null
     * @return the reason, such as {@code 'a/l/f' lies below the symlink member 'a/l'}; empty when
     *     every entry stays inside {@code into}
     */
    public static Optional<String> escape(List<Entry> entries, Path into, String noun) {
        Set<String> links = new HashSet<>();
        Set<String> checkedDirs = new HashSet<>();
        for (Entry e : entries) {
            String p = e.path();
            if (p.startsWith("/")) {
                return Optional.of("'" + p + "' is an absolute path");
            }
            // a "." part names the directory it is in (borg stores the root of "borg create ... ."
            // as "."): dropped, so that "./l/f" is seen below the symlink "l"
            String[] parts = Arrays.stream(p.split("/", -1)).filter(part -> !part.equals("."))
                    .toArray(String[]::new);
            if (parts.length == 0) {
                continue;
            }
            String path = String.join("/", parts);
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].equals("..") || parts[i].isEmpty()) {
                    return Optional.of("'" + p + "' has a '" + parts[i] + "' part");
                }
                if (i == parts.length - 1) {
                    break;
                }
                if (prefix.length() > 0) {
                    prefix.append('/');
                }
                prefix.append(parts[i]);
                String dir = prefix.toString();
                if (links.contains(dir)) {
                    return Optional.of("'" + p + "' lies below the symlink " + noun + " '" + dir + "'");
                }
                if (checkedDirs.add(dir) && Files.isSymbolicLink(into.resolve(dir))) {
                    return Optional.of("'" + p + "' lies below '" + dir + "', a symlink already in " + into);
                }
            }
            if (e.kind() == Kind.SYMLINK) {
                links.add(path);
            }
            if (e.kind() == Kind.FILE && Files.isSymbolicLink(into.resolve(path))) {
                return Optional.of("'" + p + "' would replace '" + path + "', a symlink already in " + into);
            }
        }
        return Optional.empty();
    }
}
