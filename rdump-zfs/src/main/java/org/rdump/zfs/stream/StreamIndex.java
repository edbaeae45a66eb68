package org.rdump.zfs.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rdump.api.RdumpException;
import org.rdump.api.support.AtomicFiles;
import org.rdump.api.support.Json;

/**
 * A volume's chain of streams, oldest first, as its {@code chain.json} holds it: every stream
 * that counts. Immutable; pure except {@link #read} and {@link #write}.
 *
 * <p>The file is {@code {"format": "rdump-zfs-stream-1", "streams": [{"stamp", "snapshot",
 * "base", "file", "size", "sha256", "manifest", "guid"}, ...]}}, {@code base} null for a full stream.
 * A chain is a full stream and the incremental ones after it up to the next full one; each
 * incremental's base is the snapshot of the stream before it.
 *
 * @param streams oldest first; copied
 * @since 0.5
 */
public record StreamIndex(List<StreamEntry> streams) {
    /** The index's file name in a volume's directory. */
    public static final String FILE = "chain.json";
    /** The value of its {@code format} key. */
    public static final String FORMAT = "rdump-zfs-stream-1";
    /** The empty index of a volume without streams. */
    public static final StreamIndex EMPTY = new StreamIndex(List.of());

    public StreamIndex {
        streams = List.copyOf(streams);
        for (int i = 0; i < streams.size(); i++) {
            StreamEntry e = streams.get(i);
            if (i == 0 && !e.isFull()) {
                throw new IllegalArgumentException("the first stream " + e.file() + " is incremental; a chain"
                        + " starts with a full stream");
            }
            if (i > 0 && !e.isFull() && !e.base().equals(streams.get(i - 1).snapshot())) {
                throw new IllegalArgumentException("stream " + e.file() + " is incremental from " + e.base()
                        + ", but the stream before it is of " + streams.get(i - 1).snapshot());
            }
            if (i > 0 && e.stamp().compareTo(streams.get(i - 1).stamp()) <= 0) {
                throw new IllegalArgumentException("stream " + e.file() + " (" + e.stamp() + ") is not newer than "
                        + streams.get(i - 1).file() + " (" + streams.get(i - 1).stamp() + ")");
            }
        }
    }

    /** This index with {@code e} appended. */
    public StreamIndex with(StreamEntry e) {
        List<StreamEntry> out = new ArrayList<>(streams);
        out.add(e);
        return new StreamIndex(out);
    }

    /** The newest stream, if any. */
    public Optional<StreamEntry> last() {
        return streams.isEmpty() ? Optional.empty() : Optional.of(streams.get(streams.size() - 1));
    }

    /** The stream of run {@code stamp}, if any. */
    public Optional<StreamEntry> find(String stamp) {
        return streams.stream().filter(e -> e.stamp().equals(stamp)).findFirst();
    }

    /**
     * The streams to receive, in order, to restore the stream of {@code stamp}: the full stream of
     * its chain and each incremental up to it.
     *
     * @throws IllegalArgumentException when no stream has that stamp
     */
    public List<StreamEntry> chainTo(String stamp) {
        int at = -1;
        for (int i = 0; i < streams.size(); i++) {
            if (streams.get(i).stamp().equals(stamp)) {
                at = i;
            }
        }
        if (at < 0) {
            throw new IllegalArgumentException("no stream of run " + stamp + " in the chain");
        }
        int start = at;
        while (!streams.get(start).isFull()) {
            start--;
        }
        return List.copyOf(streams.subList(start, at + 1));
    }

    /** The streams since the newest full one, that one included (empty for an empty index). */
    public int sinceFull() {
        int n = 0;
        for (int i = streams.size() - 1; i >= 0; i--) {
            n++;
            if (streams.get(i).isFull()) {
                return n;
            }
        }
        return n;
    }

    /**
     * Whether the next stream is a full one by count: the index is empty, or the newest chain has
     * {@code fullEvery} streams already.
     */
    public boolean fullDue(long fullEvery) {
        return streams.isEmpty() || sinceFull() >= fullEvery;
    }

    /** The chains, oldest first, each a full stream and its incrementals. */
    public List<List<StreamEntry>> chains() {
        List<List<StreamEntry>> out = new ArrayList<>();
        for (StreamEntry e : streams) {
            if (e.isFull()) {
                out.add(new ArrayList<>());
            }
            out.get(out.size() - 1).add(e);
        }
        return out.stream().map(List::copyOf).toList();
    }

    /**
     * What retention keeps: the newest {@code keep} chains, and every chain holding a stream whose
     * stamp is in {@code protectedStamps}. Whole chains only, so no kept incremental loses its full
     * stream. Pure.
     */
    public StreamIndex retain(long keep, Collection<String> protectedStamps) {
        List<List<StreamEntry>> chains = chains();
        Set<String> keepStamps = Set.copyOf(protectedStamps);
        List<StreamEntry> out = new ArrayList<>();
        for (int i = 0; i < chains.size(); i++) {
            List<StreamEntry> c = chains.get(i);
            boolean newest = i >= chains.size() - keep;
            if (newest || c.stream().anyMatch(e -> keepStamps.contains(e.stamp()))) {
                out.addAll(c);
            }
        }
        return new StreamIndex(out);
    }

    /** Every file name the index refers to: streams, their {@code .sha256} files, manifests. */
    public Set<String> files() {
        Set<String> out = new java.util.HashSet<>();
        out.add(FILE);
        for (StreamEntry e : streams) {
            out.add(e.file());
            out.add(e.checksumFile());
            out.add(e.readmeFile());
            if (!e.manifest().isEmpty()) {
                out.add(e.manifest());
            }
        }
        return out;
    }

    /** The index as {@code chain.json} text. Pure. */
    public String toJson() {
        StringBuilder b = new StringBuilder("{\n  \"format\": \"" + FORMAT + "\",\n  \"streams\": [");
        for (int i = 0; i < streams.size(); i++) {
            StreamEntry e = streams.get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"stamp\": ").append(Json.quote(e.stamp()))
                    .append(", \"snapshot\": ").append(Json.quote(e.snapshot()))
                    .append(", \"base\": ").append(e.isFull() ? "null" : Json.quote(e.base()))
                    .append(", \"file\": ").append(Json.quote(e.file()))
                    .append(", \"size\": ").append(e.size())
                    .append(", \"sha256\": ").append(Json.quote(e.sha256()))
                    .append(", \"manifest\": ").append(e.manifest().isEmpty() ? "null" : Json.quote(e.manifest()))
                    .append(", \"guid\": ").append(e.guid().isEmpty() ? "null" : Json.quote(e.guid()))
                    .append('}');
        }
        return b.append(streams.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    /**
     * Reads {@code chain.json} text.
     *
     * @param where the file, for messages
     * @throws RdumpException naming the file and what is wrong
     */
    public static StreamIndex parse(String text, Path where) {
        try {
            Map<String, Object> top = Json.asMap(Json.parse(text));
            if (!FORMAT.equals(top.get("format"))) {
                throw new IllegalArgumentException("format is " + top.get("format") + ", not " + FORMAT);
            }
            List<StreamEntry> out = new ArrayList<>();
            for (Object o : Json.asList(top.get("streams"))) {
                Map<String, Object> m = Json.asMap(o);
                String stamp = string(m, "stamp", false);
                String snapshot = string(m, "snapshot", false);
                String base = string(m, "base", true);
                String file = string(m, "file", false);
                Object size = m.get("size");
                if (!(size instanceof Number n)) {
                    throw new IllegalArgumentException("'size' of a stream is not a number: " + size);
                }
                out.add(new StreamEntry(stamp, snapshot, base, file, n.longValue(), string(m, "sha256", false),
                        string(m, "manifest", true), string(m, "guid", true)));
            }
            return new StreamIndex(out);
        } catch (RuntimeException e) {
            throw new RdumpException("the stream index " + where + " cannot be read: " + e.getMessage()
                    + "; restore it from a copy, or move the directory away to start a new chain", e);
        }
    }

    private static String string(Map<String, Object> m, String key, boolean nullable) {
        Object v = m.get(key);
        if (v instanceof String s) {
            return s;
        }
        if (nullable && (v == null || v == Json.NULL)) {
            return "";
        }
        throw new IllegalArgumentException("'" + key + "' of a stream is not a string: " + v);
    }

    /** The index in {@code dir}, empty when there is no {@code chain.json}. */
    public static StreamIndex read(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file);
        } catch (NoSuchFileException e) {
            return EMPTY;
        } catch (IOException e) {
            throw new RdumpException("cannot read the stream index " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code dir/chain.json} atomically (temp, fsync, rename). */
    public void write(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            AtomicFiles.write(file, toJson().getBytes(StandardCharsets.UTF_8),
                    PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new RdumpException("cannot write the stream index " + file + ": " + e.getMessage(), e);
        }
    }
}
