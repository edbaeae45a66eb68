package org.rdump.zfs.stream;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One stream of a volume's chain, as {@code chain.json} records it. Immutable.
 *
 * @param stamp the run stamp of the run that wrote it ({@code yyyyMMdd'T'HHmmss'Z'})
 * @param snapshot the snapshot sent, {@code DATASET@NAME}
 * @param base the snapshot an incremental stream was sent from ({@code zfs send -i}), or the
 *     empty string for a full stream
 * @param file the stream's file name in the volume's directory
 * @param size the stream's size in bytes
 * @param sha256 the stream's SHA-256, 64 lowercase hex digits
 * @param manifest the file name of the run's manifest beside it, or the empty string when the
 *     volume has no manifest
 * @param guid the sent snapshot's {@code guid} property, or the empty string when unknown: a later
 *     snapshot of the same name (the scheme reuses a destroyed snapshot's number) is another
 *     snapshot, and no base for the next incremental stream
 * @since 0.5
 */
public record StreamEntry(String stamp, String snapshot, String base, String file, long size, String sha256,
                          String manifest, String guid) {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public StreamEntry {
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(guid, "guid");
        if (snapshot.indexOf('@') <= 0) {
            throw new IllegalArgumentException("snapshot is not DATASET@NAME: '" + snapshot + "'");
        }
        if (!base.isEmpty() && base.indexOf('@') <= 0) {
            throw new IllegalArgumentException("base is not DATASET@NAME: '" + base + "'");
        }
        if (!NAME.matcher(file).matches()) {
            throw new IllegalArgumentException("file is not a plain file name: '" + file + "'");
        }
        if (!manifest.isEmpty() && !NAME.matcher(manifest).matches()) {
            throw new IllegalArgumentException("manifest is not a plain file name: '" + manifest + "'");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
        if (!SHA.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 is not 64 lowercase hex digits: '" + sha256 + "'");
        }
    }

    /** Whether it is a full stream (no base). */
    public boolean isFull() {
        return base.isEmpty();
    }

    /** The dataset of {@link #snapshot()}. */
    public String dataset() {
        return snapshot.substring(0, snapshot.indexOf('@'));
    }

    /** The {@code .sha256} file's name beside the stream. */
    public String checksumFile() {
        return file + ".sha256";
    }

    /**
     * The name of the copy of the clone's {@code README-rdump-rsure.txt} beside the stream (written
     * only with {@code rsure_snapshot}, which puts that file in the clone and so in the manifest, but
     * not in the snapshot the stream holds).
     */
    public String readmeFile() {
        return file + "." + README;
    }

    /** The file {@code rsure_snapshot} writes into the run's clone only. */
    static final String README = "README-rdump-rsure.txt";

    /** The line of the {@code .sha256} file, in sha256sum's format. */
    public String checksumLine() {
        return sha256 + "  " + file + "\n";
    }
}
