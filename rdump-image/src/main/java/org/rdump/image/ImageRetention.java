package org.rdump.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.PruneProtection;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;

/** {@code keep: N} over one volume's images, keeping what a {@link PruneProtection} names. */
final class ImageRetention {
    private ImageRetention() {
    }

    static void apply(ImageSettings s, List<ArchiveInfo> images, PruneProtection protection, String volume,
                      RunContext context) {
        Set<String> guarded = new HashSet<>();
        protection.protectedAmong(images).forEach(a -> guarded.add(a.id()));
        for (ArchiveInfo old : images.subList(0, Math.max(0, images.size() - s.keep()))) {
            Path image = ImageFiles.image(s.dest(), old.id());
            if (guarded.contains(old.id())) {
                context.listener().onEvent(new RunEvent.Report(volume, "image: kept " + image + " beyond keep: "
                        + s.keep() + ": it is the newest image before a guard failure of the volume"));
                continue;
            }
            Optional<PruneProtection.Kept> proven = protection.keptFor(old.time());
            if (proven.isPresent()) {
                String line = "image: " + proven.get().describe() + " (" + image + ", beyond keep: " + s.keep() + ")";
                context.listener().onEvent(context.dryRun() ? new RunEvent.DryRun(line) : new RunEvent.Report(volume, line));
                continue;
            }
            if (context.dryRun()) {
                context.listener().onEvent(new RunEvent.DryRun("delete the image " + image));
                continue;
            }
            try {
                // the checksum file first: from then on the image no longer counts
                Files.deleteIfExists(ImageFiles.checksums(s.dest(), old.id()));
                Files.deleteIfExists(image);
            } catch (java.io.IOException e) {
                throw new RdumpException("cannot delete the image " + image + ": " + e.getMessage(), e);
            }
            context.listener().onEvent(new RunEvent.Report(volume, "image: deleted " + image + " (keep: " + s.keep() + ")"));
        }
    }
}
