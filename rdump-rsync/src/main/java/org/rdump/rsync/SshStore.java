package org.rdump.rsync;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.support.SshQuoting;

/**
 * Copies on another host, reached over ssh: rsync gets {@code -s -e SSH} and {@code host:path}
 * operands ({@code -s}: the paths travel inside rsync's protocol, no remote shell reads them),
 * and each other operation is one remote command, its words quoted once for the remote shell
 * ({@link SshQuoting#remoteCommand}), never a shell string built from names. The remote host
 * needs rsync and GNU findutils and coreutils ({@code find -printf}, {@code mv -T}).
 *
 * <p>{@link #deleteTree} deletes only a directory whose name is a run stamp, or a run stamp and
 * {@code .partial}: never anything that is not rdump's.
 *
 * @param ssh the host and ssh command
 * @param rsyncPath the remote rsync command ({@code --rsync-path}, run by the remote shell), or empty
 */
record SshStore(SshAccess ssh, Optional<String> rsyncPath) implements CopyStore {
    SshStore {
        Objects.requireNonNull(ssh, "ssh");
        Objects.requireNonNull(rsyncPath, "rsyncPath");
    }

    /** A store whose remote rsync is the one on the remote PATH. */
    SshStore(SshAccess ssh) {
        this(ssh, Optional.empty());
    }

    /** The local command that runs {@code argv} on the host. Pure. */
    Command remote(String... argv) {
        List<String> out = new ArrayList<>(ssh.argv());
        out.add("--");
        out.add(ssh.host());
        out.add(SshQuoting.remoteCommand(Arrays.asList(argv)));
        return Command.of(out);
    }

    @Override
    public String operand(Path path) {
        return ssh.host() + ":" + path;
    }

    @Override
    public List<String> rsyncOptions() {
        List<String> out = new ArrayList<>(List.of("-s", "-e", SshQuoting.rsyncShell(ssh.argv())));
        rsyncPath.ifPresent(p -> out.add("--rsync-path=" + p));
        return List.copyOf(out);
    }

    @Override
    public boolean readableInPlace() {
        return false;
    }

    @Override
    public String display(Path path) {
        return ssh.host() + ":" + path;
    }

    /** {@code find -H DIR -mindepth 1 -maxdepth 1 -type d -printf '%f\0'}; if that fails, {@code test -d DIR}. */
    @Override
    public List<String> directories(Path dir, RunContext context) {
        CommandRunner q = context.queryRunner();
        CommandResult r = q.run(remote("find", "-H", dir.toString(), "-mindepth", "1", "-maxdepth", "1", "-type", "d",
                "-printf", "%f\\0").accepting(0, 1));
        if (r.exitCode() != 0) {
            if (!exists(q, "-d", dir)) {
                return List.of();
            }
            throw new RdumpException("cannot list " + display(dir) + " (find exit " + r.exitCode() + "): "
                    + r.stderr().strip());
        }
        return Arrays.stream(r.stdout().split("\0")).filter(n -> !n.isEmpty()).sorted().toList();
    }

    /** {@code cat -- FILE}; if that fails, {@code test -e FILE} tells a missing file from an unreadable one. */
    @Override
    public Optional<String> read(Path file, RunContext context) {
        CommandRunner q = context.queryRunner();
        CommandResult r = q.run(remote("cat", "--", file.toString()).accepting(0, 1));
        if (r.exitCode() == 0) {
            return Optional.of(r.stdout());
        }
        if (!exists(q, "-e", file)) {
            return Optional.empty();
        }
        throw new RdumpException("cannot read " + display(file) + ": " + r.stderr().strip());
    }

    private boolean exists(CommandRunner q, String test, Path p) {
        return q.run(remote("test", test, p.toString()).accepting(0, 1)).exitCode() == 0;
    }

    @Override
    public void mkdirs(Path dir, RunContext context) {
        context.runner().run(remote("mkdir", "-p", "--", dir.toString()));
    }

    @Override
    public void rename(Path from, Path to, RunContext context) {
        context.runner().run(remote("mv", "-T", "--", from.toString(), to.toString()));
    }

    /** {@code rm -rf -- DIR}, after {@code chmod -R u+w} if a read-only directory inside stopped it. */
    @Override
    public void deleteTree(Path dir, RunContext context) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        String stamp = name.endsWith(CopyLayout.PARTIAL) ? name.substring(0, name.length() - CopyLayout.PARTIAL.length())
                : name;
        if (!CopyLayout.isStamp(stamp)) {
            throw new IllegalArgumentException("not a dated copy's name, refusing to delete " + display(dir));
        }
        if (context.runner().run(remote("rm", "-rf", "--", dir.toString()).accepting(0, 1)).exitCode() != 0) {
            context.runner().run(remote("chmod", "-R", "u+w", "--", dir.toString()));
            context.runner().run(remote("rm", "-rf", "--", dir.toString()));
        }
    }

    /** {@code tee -- FILE} with the text on standard input. */
    @Override
    public void write(Path file, String text, RunContext context) {
        context.runner().run(remote("tee", "--", file.toString()).withStdin(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void deleteFile(Path file, RunContext context) {
        context.runner().run(remote("rm", "-f", "--", file.toString()));
    }
}
