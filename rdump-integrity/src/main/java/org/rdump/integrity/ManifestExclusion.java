package org.rdump.integrity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Predicate;
import org.rdump.integrity.weave.ManifestFile;

/**
 * The manifest's own files, when the manifest lives at the tree's root: {@code BASE.dat[.gz]},
 * {@code BASE.bak[.gz]} and the temporaries {@code BASE.N}. They are left out of the scan
 * (deliberately unlike rsure, which records its store and its temporary file, quirk Q4), so that
 * a check does not report the manifest as changed, and that the empty temporaries a killed update
 * leaves are never recorded (crash recovery removes them with {@link ManifestFile#leftoverTemps}).
 * The temporary names are those of {@link ManifestFile#isTemp}, matched here on raw bytes.
 */
final class ManifestExclusion implements Predicate<byte[]> {
    private final byte[] main;
    private final byte[] backup;
    private final byte[] tempPrefix;

    private ManifestExclusion(ManifestFile mf) {
        String mainName = String.valueOf(mf.mainFile().getFileName());
        String base = mainName.substring(0, Math.max(0, mainName.lastIndexOf(".dat")));
        main = mainName.getBytes(StandardCharsets.UTF_8);
        backup = String.valueOf(mf.backupFile().getFileName()).getBytes(StandardCharsets.UTF_8);
        tempPrefix = (base + ".").getBytes(StandardCharsets.UTF_8);
    }

    /** The exclusion for {@code tree}: the manifest's files if they are at its root, else nothing. */
    static Predicate<byte[]> of(Path tree, ManifestFile mf) {
        Path dir = mf.mainFile().toAbsolutePath().normalize().getParent();
        if (dir != null && (dir.equals(tree.toAbsolutePath().normalize()) || sameDirectory(dir, tree))) {
            return new ManifestExclusion(mf);
        }
        return n -> false;
    }

    /** Whether both name the same directory (one reached through a symlink, say). */
    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false; // one does not exist: the scan reports the tree; a missing manifest dir holds nothing
        }
    }

    @Override
    public boolean test(byte[] name) {
        if (Arrays.equals(name, main) || Arrays.equals(name, backup)) {
            return true;
        }
        if (name.length <= tempPrefix.length
                || !Arrays.equals(name, 0, tempPrefix.length, tempPrefix, 0, tempPrefix.length)) {
            return false;
        }
        for (int i = tempPrefix.length; i < name.length; i++) {
            if (name[i] < '0' || name[i] > '9') {
                return false;
            }
        }
        return true;
    }
}
