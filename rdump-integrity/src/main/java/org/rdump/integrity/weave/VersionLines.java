package org.rdump.integrity.weave;

import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.rdump.integrity.node.LineSource;

/** The data lines of one version of a weave, in order, streaming. */
final class VersionLines implements LineSource {
    private final WeaveScanner weave;
    private final int version;

    VersionLines(WeaveScanner weave, int version) {
        this.weave = weave;
        this.version = version;
    }

    @Override
    public @Nullable String nextLine() {
        while (weave.advance()) {
            if (!weave.isControl() && weave.keptIn(version)) {
                return weave.line();
            }
        }
        return null;
    }

    @Override
    public long lineNumber() {
        return weave.lineNumber();
    }

    @Override
    public void close() throws IOException {
        weave.close();
    }
}
