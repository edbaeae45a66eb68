package org.rdump.zfs.replicate;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One {@code zfs send | zfs receive} of a replication plan. Immutable.
 *
 * @param source the source dataset
 * @param destination the destination dataset
 * @param from the snapshot short name to send from ({@code send -I @from}), or null for a full
 *     stream (or a resume)
 * @param to the snapshot short name sent up to; for a resume, the empty string
 * @param resumeToken the destination's {@code receive_resume_token} for {@code send -t}, or null
 * @param createParent the destination's parent dataset to create first, or null
 * @since 0.1
 */
public record Transfer(String source, String destination, @Nullable String from, String to,
                       @Nullable String resumeToken, @Nullable String createParent) {
    public Transfer {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(to, "to");
    }

    public boolean isResume() {
        return resumeToken != null;
    }

    public boolean isFull() {
        return from == null && resumeToken == null;
    }

    /** One line for a plan listing. */
    public String describe() {
        if (resumeToken != null) {
            return "resume interrupted receive into " + destination;
        }
        String what = from == null ? "full " + source + "@" + to
                : "incremental " + source + "@" + from + " .. @" + to;
        return what + " -> " + destination + (createParent == null ? "" : " (" + createParent + " created if missing)");
    }
}
