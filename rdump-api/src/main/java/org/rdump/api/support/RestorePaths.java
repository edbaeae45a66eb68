package org.rdump.api.support;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.ToolTarget;
import org.rdump.api.command.Command;

/**
 * The paths of a file-level restore ({@code rdump restore --path P}): checking them, telling that
 * one is not in a backup, and copying them out of a restored or in-place tree. Stateless.
 *
 * @since 0.4
 */
public final class RestorePaths {
    private RestorePaths() {
    }

    /**
     * A restore path in normal form ({@code a/b}: no {@code .} parts, no doubled or trailing
     * slash), or an exception saying what is wrong with it.
     *
     * @param path never null
     * @return never null or empty
     * @throws IllegalArgumentException for an empty or absolute path, or one with a {@code ..} part
     */
    public static String check(String path) {
        if (path.startsWith("/")) {
            throw new IllegalArgumentException("restore path '" + path + "' is absolute; give it relative to the"
                    + " volume's root, e.g. '" + path.replaceFirst("^/+", "") + "'");
        }
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                throw new IllegalArgumentException("restore path '" + path + "' contains '..'; give a path inside"
                        + " the volume, relative to its root");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("restore path '" + path + "' names no file; leave out --path to"
                    + " restore the whole volume");
        }
        return String.join("/", parts);
    }

    /**
     * The error for a path that is not in a backup.
     *
     * @param path the volume-relative path; never null
     * @param archive the backup; never null
     * @param target the tool instance that holds it; never null
     * @return never null
     */
    public static RdumpException missing(String path, ArchiveInfo archive, ToolTarget target) {
        return new RdumpException("path '" + path + "' is not in backup " + archive.stamp() + " of volume "
                + archive.volume() + " in '" + target.name() + "' (" + target.tool() + "); 'rdump list "
                + archive.volume() + "' shows its backups");
    }

    /**
     * Checks that {@code path} is in the tree at {@code root}, reached without following a
     * symlink (so that a link in a backup cannot lead a restore out of it).
     *
     * @param root the restored tree's root; never null
     * @param path the volume-relative path, as {@link #check} accepts it; never null
     * @param archive the backup, for the message; never null
     * @param target the tool instance, for the message; never null
     * @throws RdumpException as {@link #missing} when it is not
     */
    public static void requireIn(Path root, String path, ArchiveInfo archive, ToolTarget target) {
        Path p = root;
        for (String part : path.split("/")) {
            if (!p.equals(root) && Files.isSymbolicLink(p)) {
                throw missing(path, archive, target);
            }
            p = p.resolve(part);
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw missing(path, archive, target);
        }
    }

    /**
     * Copies {@code paths} (all of it when empty) of the tree at {@code root} into {@code into}
     * with {@code cp -a} (owners, modes, times, hard links, symlinks as links), through
     * {@code context.runner()}; each path is first checked with {@link #requireIn}.
     *
     * @param root the restored tree's root; never null
     * @param paths volume-relative paths, as {@link #check} accepts them; empty for all; never null
     * @param into the existing directory to copy into; never null
     * @param archive the backup, for messages; never null
     * @param target the tool instance, for messages; never null
     * @param context the run's context (its runner runs {@code cp}); never null
     * @throws RdumpException when a path is missing or {@code cp} fails
     */
    public static void copy(Path root, List<String> paths, Path into, ArchiveInfo archive, ToolTarget target,
                            RunContext context) {
        List<String> argv = new ArrayList<>(List.of("cp", "-a"));
        if (paths.isEmpty()) {
            argv.addAll(List.of("--", root + "/.", into + "/"));
            context.runner().run(Command.of(argv));
            return;
        }
        if (!context.dryRun()) {
            paths.forEach(p -> requireIn(root, p, archive, target));
        }
        argv.addAll(List.of("--parents", "--"));
        argv.addAll(paths);
        argv.add(into + "/");
        context.runner().run(Command.of(argv).withWorkingDirectory(root));
    }
}
