package org.rdump.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a tree holds, for comparing a restored tree with its source: for every entry below the
 * root (the root itself is left out) its kind, permissions, and for files the SHA-256 of the
 * content and the modification time in seconds, for symlinks the target as written. Immutable.
 *
 * @param entries relative path (with {@code /}) to entry, sorted
 */
public record TreeSnapshot(Map<String, Entry> entries) {

    public TreeSnapshot {
        entries = java.util.Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    /** One entry; {@code detail} is the content hash and mtime, or the link target, or empty. */
    public record Entry(char kind, String mode, String detail) {
        @Override
        public String toString() {
            return kind + " " + mode + (detail.isEmpty() ? "" : " " + detail);
        }
    }

    /** Reads the tree at {@code root} (not following symlinks). */
    public static TreeSnapshot of(Path root) {
        Map<String, Entry> map = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(root)) {
                    continue;
                }
                String rel = root.relativize(p).toString();
                map.put(rel, entry(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TreeSnapshot(map);
    }

    private static Entry entry(Path p) throws IOException {
        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String mode = PosixFilePermissions.toString(a.permissions());
        if (a.isSymbolicLink()) {
            return new Entry('l', "", Files.readSymbolicLink(p).toString());
        }
        if (a.isDirectory()) {
            return new Entry('d', mode, "");
        }
        if (a.isRegularFile()) {
            return new Entry('f', mode, sha256(p) + " mtime=" + a.lastModifiedTime().toInstant().getEpochSecond());
        }
        return new Entry('?', mode, "");
    }

    private static String sha256(Path p) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(Files.readAllBytes(p)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The differences from {@code other}, one line each ({@code -} only here, {@code +} only there); empty when equal. */
    public List<String> differencesFrom(TreeSnapshot other) {
        Set<String> all = new TreeSet<>(entries.keySet());
        all.addAll(other.entries.keySet());
        List<String> out = new ArrayList<>();
        for (String k : all) {
            Entry mine = entries.get(k);
            Entry theirs = other.entries.get(k);
            if (!Objects.equals(mine, theirs)) {
                out.add(k + ": " + (mine == null ? "missing" : mine) + " -> " + (theirs == null ? "missing" : theirs));
            }
        }
        return out;
    }
}
