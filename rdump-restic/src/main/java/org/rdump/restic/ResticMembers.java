package org.rdump.restic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The check that restoring a snapshot's nodes ({@code restic ls --json}) cannot write outside the
 * directory they are restored into: a node path with a {@code ..} part, one below a symlink node
 * of the snapshot, or one below a symlink that already exists in the target (a restore with
 * {@code --overwrite}: restic 0.14 creates files and directories through it). rdump never
 * stores such a path; a snapshot not made by rdump, or an altered one, might. Pure, except that
 * {@link #escape} looks at what already exists in the target. Stateless.
 */
final class ResticMembers {
    private ResticMembers() {
    }

    /**
     * The first node that restoring into {@code into} would write outside it, with why.
     *
     * @param nodes in restic's order (a directory before what is below it)
     * @return empty when every node stays inside {@code into}
     */
    static Optional<String> escape(List<ResticJsonParser.Node> nodes, Path into) {
        Set<String> links = new HashSet<>();
        Set<String> checkedDirs = new HashSet<>();
        for (ResticJsonParser.Node n : nodes) {
            String p = n.path().startsWith("/") ? n.path().substring(1) : n.path();
            String[] parts = p.split("/");
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].equals("..") || parts[i].equals(".") || parts[i].isEmpty()) {
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
                    return Optional.of("'" + p + "' lies below the symlink node '" + dir + "'");
                }
                if (checkedDirs.add(dir) && Files.isSymbolicLink(into.resolve(dir))) {
                    return Optional.of("'" + p + "' lies below '" + dir + "', a symlink already in " + into);
                }
            }
            if (n.type().equals("symlink")) {
                links.add(p);
            }
            if (n.type().equals("file") && Files.isSymbolicLink(into.resolve(p))) {
                return Optional.of("'" + p + "' would replace '" + p + "', a symlink already in " + into);
            }
        }
        return Optional.empty();
    }
}
