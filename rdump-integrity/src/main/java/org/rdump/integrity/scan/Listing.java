package org.rdump.integrity.scan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.node.NodeName;
import org.slf4j.Logger;

/**
 * One directory read: its entries stat'ed, split into sub-directories and others, sorted by raw
 * name, and their nodes built. Immutable once built, so that a helper thread can build it ahead
 * of the scanner (the nodes' attribute maps are the costly part of a scan).
 */
final class Listing {
    private static final Comparator<Entry> RAW = (a, b) -> Arrays.compareUnsigned(a.name, b.name);
    static final Listing EMPTY = new Listing(new Entry[0], new Node.Enter[0], new Entry[0], new Node.File[0], 0, false);

    final Entry[] dirs;
    final Node.Enter[] dirNodes;
    final Entry[] files;
    final Node.File[] fileNodes;
    final long vanished;
    final boolean unreadable;

    private Listing(Entry[] dirs, Node.Enter[] dirNodes, Entry[] files, Node.File[] fileNodes, long vanished,
                    boolean unreadable) {
        this.dirs = dirs;
        this.dirNodes = dirNodes;
        this.files = files;
        this.fileNodes = fileNodes;
        this.vanished = vanished;
        this.unreadable = unreadable;
    }

    /** Reads {@code dir} with {@code reader}; problems are logged and counted, never thrown. */
    static Listing read(Path dir, Predicate<byte[]> exclude, DirectoryReader reader, Logger log) {
        List<Entry> dirs = new ArrayList<>();
        List<Entry> others = new ArrayList<>();
        long vanished = 0;
        boolean unreadable = false;
        try {
            vanished = reader.read(dir, exclude, dirs, others, log);
        } catch (IOException | RuntimeException ex) {
            unreadable = true;
            log.warn("cannot list directory {} (recorded as empty): {}", dir, ex.toString());
        }
        Entry[] d = dirs.toArray(new Entry[0]);
        Entry[] o = others.toArray(new Entry[0]);
        Arrays.sort(d, RAW);
        Arrays.sort(o, RAW);
        Node.Enter[] dn = new Node.Enter[d.length];
        for (int i = 0; i < d.length; i++) {
            dn[i] = new Node.Enter(NodeName.of(d[i].name), d[i].attributes());
        }
        Node.File[] fn = new Node.File[o.length];
        for (int i = 0; i < o.length; i++) {
            fn[i] = new Node.File(NodeName.of(o[i].name), o[i].attributes());
        }
        return new Listing(d, dn, o, fn, vanished, unreadable);
    }
}
