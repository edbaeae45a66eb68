package org.rdump.borg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
     * symlink that already exists in {@code into} (a restore with {@code --overwrite}).
     *
     * @return empty when every member stays inside {@code into}
     */
    static Optional<String> escape(List<Member> members, Path into) {
        Set<String> links = new HashSet<>();
        Set<String> checkedDirs = new HashSet<>();
        for (Member m : members) {
            String p = m.path();
            if (p.startsWith("/")) {
                return Optional.of("'" + p + "' is an absolute path");
            }
            String[] parts = p.split("/");
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].equals("..")) {
                    return Optional.of("'" + p + "' has a '..' part");
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
                    return Optional.of("'" + p + "' lies below the symlink member '" + dir + "'");
                }
                if (checkedDirs.add(dir) && Files.isSymbolicLink(into.resolve(dir))) {
                    return Optional.of("'" + p + "' lies below '" + dir + "', a symlink already in " + into);
                }
            }
            if (m.type().equals("l")) {
                links.add(p);
            }
        }
        return Optional.empty();
    }
}
