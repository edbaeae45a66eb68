package org.rdump.core.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One change an in-place restore makes to the live tree, read from a line of
 * {@code rsync --dry-run --out-format='%i %n'} ({@link InPlaceSync#preview}). Immutable.
 *
 * @param action what happens to the entry; never null
 * @param type {@code file}, {@code directory}, {@code symlink}, {@code device}, {@code special}
 *     (FIFO, socket) or {@code hard link}; never null
 * @param path relative to the volume's root, as rsync prints it (non-printable bytes as
 *     {@code \#ooo}; no trailing {@code /}); never null
 * @param itemized rsync's own code for it, e.g. {@code >fcst......}; never null
 * @since 0.4
 */
public record LiveChange(Action action, String type, String path, String itemized) {
    /**
     * Checks the components.
     *
     * @param action what happens to the entry
     * @param type the kind of entry, as rsync's itemized code tells it
     * @param path relative to the volume's root, as rsync prints it
     * @param itemized rsync's own code for the change
     * @throws NullPointerException if any component is null
     */
    public LiveChange {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(itemized, "itemized");
    }

    /** What an in-place restore does to one entry of the live tree. */
    public enum Action {
        /** Not in the live tree: created from the backup. */
        CREATE("create"),
        /** In the live tree with other content (or of another kind): replaced by the backup's. */
        REPLACE("replace"),
        /** Same content; owner, mode, times, ACLs or xattrs set back to the backup's. */
        ATTRIBUTES("set attributes of"),
        /** Not in the backup: deleted (only with {@code --delete}). */
        DELETE("delete");

        private final String verb;

        Action(String verb) {
            this.verb = verb;
        }

        /**
         * The verb of the change list.
         *
         * @return {@code create}, {@code replace}, {@code set attributes of} or {@code delete}
         */
        public String verb() {
            return verb;
        }
    }

    /** {@code replace   file       etc/host.conf}. */
    @Override
    public String toString() {
        return String.format("%-17s %-9s %s", action.verb(), type, path);
    }

    /**
     * The changes in rsync's itemized lines; other lines (none are expected) are left out.
     *
     * @param lines the output of {@code rsync --dry-run --out-format='%i %n'}, one line each
     * @return never null; empty when nothing would change
     */
    public static List<LiveChange> parse(List<String> lines) {
        List<LiveChange> out = new ArrayList<>();
        for (String line : lines) {
            parse(line).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /**
     * One itemized line: {@code YXcstpoguax NAME} ({@code Y} the update type, {@code X} the file
     * type, then one letter per changed attribute, {@code +} for all of a new entry), or
     * {@code *deleting NAME}.
     */
    static Optional<LiveChange> parse(String line) {
        if (line.startsWith("*deleting ")) {
            String name = line.substring("*deleting ".length()).stripLeading();
            return Optional.of(new LiveChange(Action.DELETE, name.endsWith("/") ? "directory" : "entry",
                    trim(name), "*deleting"));
        }
        int space = line.indexOf(' ');
        if (space != 11 || line.length() < 13 || "<>ch.".indexOf(line.charAt(0)) < 0) {
            return Optional.empty();
        }
        String code = line.substring(0, 11);
        String name = trim(line.substring(12));
        if (name.equals(".") || name.isEmpty()) {
            name = ".";
        }
        char update = code.charAt(0);
        String type = switch (code.charAt(1)) {
            case 'f' -> update == 'h' ? "hard link" : "file";
            case 'd' -> "directory";
            case 'L' -> "symlink";
            case 'D' -> "device";
            case 'S' -> "special";
            default -> "entry";
        };
        Action action;
        if (code.substring(2).chars().allMatch(c -> c == '+')) {
            action = Action.CREATE;
        } else if (update == '>' || update == '<' || update == 'h'
                || update == 'c' && (code.charAt(2) == 'c' || code.charAt(3) == 's')) {
            action = Action.REPLACE;
        } else {
            action = Action.ATTRIBUTES;
        }
        return Optional.of(new LiveChange(action, type, name, code));
    }

    private static String trim(String name) {
        return name.length() > 1 && name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }
}
