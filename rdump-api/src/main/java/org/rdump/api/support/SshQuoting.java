package org.rdump.api.support;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.rdump.api.command.Command;

/**
 * The two ways an argument vector becomes one string on its way to another host, each the exact
 * inverse of the splitting done at the other end. Pure and stateless; used by core's ssh runner,
 * remote ZFS and remote rsync, so that there is one quoting and one set of tests for it.
 *
 * <ul>
 *   <li>{@link #remoteCommand}: ssh joins its command words with spaces and hands the result to
 *       the remote user's shell, so each word is quoted once for a POSIX shell
 *       ({@link Command#quote}); the remote program then receives every argument exactly as given,
 *       spaces, quotes and {@code $(...)} included.</li>
 *   <li>{@link #rsyncShell}: rsync splits its {@code -e} value into words itself (not through a
 *       shell: words end at a space outside quotes, {@code '} or {@code "} open a quote that the
 *       same character closes, and that character doubled inside it is one literal character), so
 *       each word that needs it is put in single quotes with a quote inside doubled.</li>
 * </ul>
 *
 * @since 0.5
 */
public final class SshQuoting {
    private static final Pattern RSYNC_PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private SshQuoting() {
    }

    /**
     * The one string that ssh's remote shell splits back into {@code argv}.
     *
     * @param argv the remote program and its arguments, never null or empty; no word holds NUL
     * @return never null
     * @throws IllegalArgumentException when {@code argv} is empty or a word holds NUL
     */
    public static String remoteCommand(List<String> argv) {
        check(argv, "argv");
        return argv.stream().map(Command::quote).collect(Collectors.joining(" "));
    }

    /**
     * The ssh program and its options as one {@code rsync -e} value that rsync splits back into
     * exactly these words (any characters but NUL, spaces and quotes included).
     *
     * @param sshArgv the ssh program and its options, never null or empty; no word holds NUL
     * @return never null
     * @throws IllegalArgumentException when {@code sshArgv} is empty or a word holds NUL
     */
    public static String rsyncShell(List<String> sshArgv) {
        check(sshArgv, "sshArgv");
        return sshArgv.stream().map(w -> RSYNC_PLAIN.matcher(w).matches() ? w : "'" + w.replace("'", "''") + "'")
                .collect(Collectors.joining(" "));
    }

    private static void check(List<String> words, String name) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException(name + " must name a program, found []");
        }
        for (String w : words) {
            if (w.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(name + " holds a NUL character, which no argument can carry: "
                        + words);
            }
        }
    }
}
