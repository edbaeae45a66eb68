package org.rdump.api;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An undo record: something a run created that outlives the step that created it (a snapshot,
 * a clone, a mount, a scratch directory, a temporary file, a child process), stated as data: what
 * it is and how it is removed. Immutable; value semantics.
 *
 * <p>A step records one through {@link UndoLog#record} <em>before</em> it creates the resource
 * (the record is synced to disk first), and marks it done after its cleanup removed it. A run
 * killed in between leaves the record open, and the next run (or {@code rdump recover}) carries
 * out its {@link #actions()} newest first, without re-planning, whatever the configuration says
 * by then. Every action is idempotent: running it when the resource is already gone succeeds.
 *
 * @param kind a short lowercase kind, e.g. {@code zfs-clone}, {@code mount}, {@code scratch},
 *     {@code process}; never blank
 * @param identity what identifies the resource within its kind (a dataset, a path, a pid with its
 *     start time); never blank. Two records with one kind and identity are the same resource.
 * @param volume the volume it belongs to, or {@code rdump} for the run itself; never blank
 * @param actions what removes it, in order; never empty
 * @since 0.2
 */
public record Undo(String kind, String identity, String volume, List<UndoAction> actions) {
    /**
     * Checks the components and copies {@code actions}.
     *
     * @param kind a short lowercase kind, e.g. {@code zfs-clone}, {@code mount}, {@code scratch}, {@code process}; never blank
     * @param identity what identifies the resource within its kind (a dataset, a path, a pid with its start time); never blank. Two records with one kind and identity are the same resource.
     * @param volume the volume it belongs to, or {@code rdump} for the run itself; never blank
     * @param actions what removes it, in order; never empty
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code kind}, {@code identity} or {@code volume} is blank
     *     or more than one line, or {@code actions} is empty
     */
    public Undo {
        requireText(kind, "kind");
        requireText(identity, "identity");
        requireText(volume, "volume");
        actions = List.copyOf(actions);
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("an undo record needs at least one action: " + kind + " " + identity);
        }
    }

    /**
     * A record with the given actions.
     *
     * @param kind a short lowercase kind, e.g. {@code zfs-clone}; never blank
     * @param identity what identifies the resource within its kind; never blank
     * @param volume the volume it belongs to, or {@code rdump}; never blank
     * @param actions what removes it, in order; at least one
     * @return the record; never null
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static Undo of(String kind, String identity, String volume, UndoAction... actions) {
        return new Undo(kind, identity, volume, List.of(actions));
    }

    /**
     * What removes it, as the lines an administrator would type (argument vectors shell-quoted),
     * for messages when recovery fails.
     *
     * @return the actions joined with {@code "; "}; never null
     */
    public String manual() {
        return actions.stream().map(UndoAction::manual).collect(Collectors.joining("; "));
    }

    /**
     * The record's name for messages.
     *
     * @return {@code kind identity}, e.g. {@code zfs-clone tank/home_rdump}; never null
     */
    public String display() {
        return kind + " " + identity;
    }

    private static void requireText(String s, String name) {
        Objects.requireNonNull(s, name);
        if (s.isBlank() || s.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(name + " must be one non-blank line, found '" + s + "'");
        }
    }
}
