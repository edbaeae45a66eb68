package org.rdump.borg;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.rdump.api.support.ExtractGuard;
import org.rdump.api.support.Json;

/**
 * The members of a borg archive ({@code borg list --json-lines}) and the check that extracting
 * them cannot write outside the directory they are extracted into. borg 1.2 strips a leading
 * {@code /} and leading {@code ../} parts when it stores a path, but keeps a {@code ..} inside one
 * ({@code sub/../../y}, e.g. from {@code borg import-tar}), and on extract it writes a member
 * through a symlink member that came before it ({@code link -> /etc}, then {@code link/passwd}).
 * Pure, except that {@link #escape} looks at what already exists in the target. Stateless.
 */
final class BorgMembers {
    private BorgMembers() {
    }

    /** One member: borg's type character ({@code d}, {@code -}, {@code l}, ...) and its path as stored. */
    record Member(String type, String path) {
    }

    /**
     * Parses the standard output of {@code borg list --json-lines ::ARCHIVE}, one JSON object a line.
     *
     * @throws IllegalArgumentException when a line is not one
     */
    static List<Member> parse(String stdout) {
        return stdout.lines().filter(l -> !l.isBlank()).map(l -> {
            var m = Json.asMap(Json.parse(l));
            Object type = m.get("type");
            Object path = m.get("path");
            if (!(type instanceof String t) || !(path instanceof String p)) {
                throw new IllegalArgumentException("not a borg member line: " + l);
            }
            return new Member(t, p);
        }).toList();
    }

    /**
     * The first member that extracting into {@code into} would write outside it, with why: an
     * absolute path, a {@code ..} part, a path below a symlink member of the archive, or below a
     * symlink that already exists in {@code into} (a restore with {@code --overwrite}); the check
     * is {@link ExtractGuard}'s.
     *
     * @return empty when every member stays inside {@code into}
     */
    static Optional<String> escape(List<Member> members, Path into) {
        return ExtractGuard.escape(members.stream().map(m -> new ExtractGuard.Entry(m.path(), switch (m.type()) {
            case "d" -> ExtractGuard.Kind.DIRECTORY;
            case "-" -> ExtractGuard.Kind.FILE;
            case "l" -> ExtractGuard.Kind.SYMLINK;
            default -> ExtractGuard.Kind.OTHER;
        })).toList(), into, "member");
    }
}
