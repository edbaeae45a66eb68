package org.rdump.restic;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.rdump.api.support.ExtractGuard;

/**
 * The check that restoring a snapshot's nodes ({@code restic ls --json}) cannot write outside the
 * directory they are restored into: a node path with a {@code ..} part, one below a symlink node
 * of the snapshot, or one below a symlink that already exists in the target (a restore with
 * {@code --overwrite}: restic 0.14 creates files and directories through it). rdump never
 * stores such a path; a snapshot not made by rdump, or an altered one, might. restic stores
 * absolute paths: they are made relative to the snapshot's root, then checked by
 * {@link ExtractGuard}. Stateless.
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
        return ExtractGuard.escape(nodes.stream().map(n -> new ExtractGuard.Entry(
                n.path().startsWith("/") ? n.path().substring(1) : n.path(), switch (n.type()) {
                    case "dir" -> ExtractGuard.Kind.DIRECTORY;
                    case "file" -> ExtractGuard.Kind.FILE;
                    case "symlink" -> ExtractGuard.Kind.SYMLINK;
                    default -> ExtractGuard.Kind.OTHER;
                })).toList(), into, "node");
    }
}
