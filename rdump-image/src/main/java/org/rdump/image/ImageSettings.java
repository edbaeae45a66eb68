package org.rdump.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rdump.api.ConfigProblem;
import org.rdump.api.ConfigException;
import org.rdump.api.Settings;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.SettingsSchema.Type;

/**
 * The configuration of one image tool instance, read from its {@link Settings}. Immutable.
 *
 * @param dest the directory holding the images of every volume, {@code VOLUME-STAMP.img.zst}
 * @param keep how many images of a volume pruning keeps (the newest), at least 1
 * @param level the zstd compression level, 1 to 19
 * @param workers zstd worker threads, 0 to compress on the reading thread
 */
record ImageSettings(Path dest, int keep, int level, int workers) {

    static final SettingsSchema SCHEMA = SettingsSchema.of(
            Key.required("dest", Type.PATH, "Directory that holds the images, VOLUME-STAMP.img.zst, each with"
                    + " VOLUME-STAMP.img.zst.sha256 beside it (sha256sum format: the compressed file and the raw"
                    + " image); made if missing. Not on the imaged file system."),
            Key.optional("keep", Type.INTEGER, "7", "How many images of each volume pruning keeps (the newest)."),
            Key.optional("keep_verified", Type.BOOLEAN, "true", "Never delete the newest image proven restorable"
                    + " by a full test restore (rdump verify; per the ledger), even when older than keep; if the"
                    + " ledger cannot be read, prune nothing."),
            Key.optional("level", Type.INTEGER, "3", "The zstd compression level, 1 (fastest) to 19 (smallest)."),
            Key.optional("workers", Type.INTEGER, "2", "zstd compression threads; 0 compresses on the thread that"
                    + " reads the device."));

    /** Reads and checks the settings; every bad value is a {@link ConfigProblem} naming its position. */
    static ImageSettings from(Settings s) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (!s.has("dest") || s.string("dest").isBlank()) {
            problems.add(new ConfigProblem(s.locate("dest"), "missing required key 'dest' (the directory for the"
                    + " images, e.g. /backup/images)"));
        }
        ImageSettings read = read(s, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return read;
    }

    /** Checks what the schema does not (a missing dest it reports itself). */
    static void validate(Settings s) {
        List<ConfigProblem> problems = new ArrayList<>();
        read(s, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private static ImageSettings read(Settings s, List<ConfigProblem> problems) {
        Path dest = Path.of(s.has("dest") ? s.string("dest") : "/").toAbsolutePath();
        long keep = s.number("keep", 7);
        if (keep < 1 || keep > 100_000) {
            problems.add(new ConfigProblem(s.locate("keep"), "expected a number of images from 1 up, found " + keep));
        }
        long level = s.number("level", 3);
        if (level < 1 || level > 19) {
            problems.add(new ConfigProblem(s.locate("level"), "expected a zstd level from 1 to 19, found " + level));
        }
        long workers = s.number("workers", 2);
        if (workers < 0 || workers > 64) {
            problems.add(new ConfigProblem(s.locate("workers"), "expected 0 to 64 zstd threads, found " + workers));
        }
        return new ImageSettings(dest.normalize(), (int) keep, (int) level, (int) workers);
    }
}
