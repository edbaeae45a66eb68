package org.rdump.integrity.weave;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The compression of a weave file, chosen by its name's suffix as rsure does. */
enum Compression {
    GZIP(".gz", "gzip"),
    ZSTD(".zstd", "zstd"),
    PLAIN("", "plain");

    final String suffix;
    final String label;

    Compression(String suffix, String label) {
        this.suffix = suffix;
        this.label = label;
    }

    static Compression ofName(String fileName) {
        if (fileName.endsWith(".gz")) {
            return GZIP;
        }
        if (fileName.endsWith(".zstd")) {
            return ZSTD;
        }
        return PLAIN;
    }

    InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case GZIP -> new GZIPInputStream(in, 1 << 16);
            case ZSTD -> new ZstdInputStream(in);
            case PLAIN -> in;
        };
    }

    /** Level: gzip default (6) as flate2's default, zstd 3 as rsure. */
    OutputStream compress(OutputStream out) throws IOException {
        return switch (this) {
            // Level 1: on a 100k-file manifest deflate costs 0.09 s instead of 0.25 s at the default 6, for
            // 12% more bytes (benchmarks/RESULTS.md); any gzip reader, rsure's included, reads it.
            case GZIP -> new GZIPOutputStream(out, 1 << 16) {
                {
                    def.setLevel(java.util.zip.Deflater.BEST_SPEED);
                }
            };
            case ZSTD -> new ZstdOutputStream(out, 3);
            case PLAIN -> out;
        };
    }
}
