package org.rdump.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rdump.api.RdumpException;
import org.rdump.api.support.AtomicFiles;

/**
 * Installs unit files into a unit directory ({@code /etc/systemd/system}, or under a
 * {@code --root}): each one written to a temporary file in that directory, synced and renamed
 * over the old one (mode 0644), so systemd never reads half a unit. A unit that exists with
 * other text is replaced only when forced, and then nothing is written unless every unit may be.
 */
final class UnitFiles {
    /** What happened to one unit. */
    enum Action {
        /** Only printed ({@code --install} not given). */
        PRINTED,
        /** It did not exist and was written. */
        WRITTEN,
        /** It existed with the same text; left alone. */
        UNCHANGED,
        /** It existed with other text and was replaced ({@code --force}). */
        REPLACED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private UnitFiles() {
    }

    /** The unit directory: {@code /etc/systemd/system}, under {@code root} when given. */
    static Path directory(Path root) {
        return root.resolve("etc/systemd/system");
    }

    /**
     * Writes each unit ({@code file name -> text}) into {@code dir}, in order.
     *
     * @param mayCreate whether {@code dir} may be created (under a --root), else it must exist
     * @return what happened to each, in the same order
     * @throws RdumpException naming each unit that differs when not {@code force}, or what could
     *     not be written
     */
    static Map<String, Action> install(Path dir, Map<String, String> units, boolean force, boolean mayCreate) {
        if (!Files.isDirectory(dir) && !mayCreate) {
            throw new RdumpException(dir + " does not exist: is this a systemd machine? (to write the units"
                    + " for another root file system, pass --root DIR)");
        }
        Map<String, Action> plan = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        units.forEach((name, text) -> {
            Path file = dir.resolve(name);
            if (!Files.exists(file)) {
                plan.put(name, Action.WRITTEN);
                return;
            }
            String old = read(file);
            if (old.equals(text)) {
                plan.put(name, Action.UNCHANGED);
            } else {
                plan.put(name, Action.REPLACED);
                conflicts.add(file + " (" + firstDifference(old, text) + ")");
            }
        });
        if (!conflicts.isEmpty() && !force) {
            throw new RdumpException((conflicts.size() == 1 ? "a unit exists with other text: "
                    : "units exist with other text: ") + String.join("; ", conflicts) + "; nothing was written."
                    + " Pass --force to replace " + (conflicts.size() == 1 ? "it" : "them")
                    + ", or --name NAME for units of another name");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RdumpException("cannot create " + dir + ": " + e, e);
        }
        plan.forEach((name, action) -> {
            if (action != Action.UNCHANGED) {
                write(dir.resolve(name), units.get(name));
            }
        });
        return plan;
    }

    /** {@code line N: 'OLD' here, 'NEW' from rdump}, for the refusal. */
    static String firstDifference(String old, String text) {
        List<String> a = old.lines().toList();
        List<String> b = text.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "";
            String y = i < b.size() ? b.get(i) : "";
            if (!x.equals(y)) {
                return "line " + (i + 1) + ": '" + x + "' there, '" + y + "' from rdump";
            }
        }
        return "the line ends differ";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RdumpException("cannot read the existing unit " + file + ": " + e, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new RdumpException("cannot write the unit " + file + ": " + e
                    + (e instanceof java.nio.file.AccessDeniedException ? " (run it as root)" : ""), e);
        }
    }
}
