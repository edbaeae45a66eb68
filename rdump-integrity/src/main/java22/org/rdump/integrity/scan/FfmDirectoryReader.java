package org.rdump.integrity.scan;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The JDK 22+ directory reader (Linux on x86_64 or aarch64): {@code openat} the directory,
 * {@code getdents64} its entries in 32 KiB batches (raw names, {@code d_ino}), then
 * {@code statx(AT_SYMLINK_NOFOLLOW)} and, for symlinks, {@code readlinkat} each entry relative to
 * the directory's descriptor, in inode order (on a cold cache the inodes are read in disk order).
 * No {@code --add-opens} needed; one reused native buffer per directory, no JDK attribute objects.
 *
 * <p>The results equal {@link PortableDirectoryReader}'s, byte for byte: {@code st_dev} and
 * {@code st_rdev} are rebuilt with glibc's {@code makedev} encoding, times are whole seconds
 * ({@code tv_sec}), and a name is turned into a {@link Path} through its {@code sun.jnu.encoding}
 * string only when that round-trips exactly; otherwise (a name that is not valid in that encoding)
 * the path is taken from a {@code DirectoryStream} of the directory, which keeps raw bytes.
 * When a file system does not fill a field {@code statx} was asked for, that entry is stat'ed the
 * portable way.
 *
 * <p>Picked by {@code DirectoryReaders} (JDK 22+ version) with {@code -Drdump.scan.ffm=true}.
 * Restricted methods: the JVM needs {@code --enable-native-access=ALL-UNNAMED} (the rdump jar's
 * manifest has {@code Enable-Native-Access: ALL-UNNAMED}), else JDK 22-25 print a warning.
 */
@SuppressWarnings("restricted")
final class FfmDirectoryReader implements DirectoryReader {
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int O_CLOEXEC = 0x80000;
    private static final int STATX_BASIC_STATS = 0x7ff;
    /** STATX_TYPE, MODE, UID, GID, MTIME, CTIME, INO, SIZE: the fields an {@link Entry} needs. */
    private static final int NEEDED = 0x1 | 0x2 | 0x8 | 0x10 | 0x40 | 0x80 | 0x100 | 0x200;
    private static final int ENOENT = 2;
    private static final int EACCES = 13;
    private static final int EPERM = 1;
    private static final int ENOTDIR = 20;
    private static final int DIRENT_BUFFER = 32 * 1024;
    private static final int LINK_BUFFER = 4096;

    // struct statx offsets (include/uapi/linux/stat.h: the same on every architecture)
    private static final long STX_MASK = 0;
    private static final long STX_UID = 20;
    private static final long STX_GID = 24;
    private static final long STX_MODE = 28;
    private static final long STX_INO = 32;
    private static final long STX_SIZE = 40;
    private static final long STX_CTIME = 96;
    private static final long STX_MTIME = 112;
    private static final long STX_RDEV_MAJOR = 128;
    private static final long STX_RDEV_MINOR = 132;
    private static final long STX_DEV_MAJOR = 136;
    private static final long STX_DEV_MINOR = 140;
    private static final long STATX_SIZE = 256;

    private static final @Nullable Native NATIVE = Native.find();
    private static final Charset JNU = jnu();

    /** The downcall handles, or none when this platform is not supported. */
    private static final class Native {
        final StructLayout capture = Linker.Option.captureStateLayout();
        final VarHandle errno = capture.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        final int oDirectory;
        final MethodHandle openat;
        final MethodHandle getdents64;
        final MethodHandle statx;
        final MethodHandle readlinkat;
        final MethodHandle close;

        private Native(int oDirectory) {
            this.oDirectory = oDirectory;
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            Linker.Option errnoOption = Linker.Option.captureCallState("errno");
            ValueLayout i = ValueLayout.JAVA_INT;
            ValueLayout l = ValueLayout.JAVA_LONG;
            ValueLayout a = ValueLayout.ADDRESS;
            openat = linker.downcallHandle(libc.find("openat").orElseThrow(), FunctionDescriptor.of(i, i, a, i, i),
                    errnoOption, Linker.Option.firstVariadicArg(3));
            getdents64 = linker.downcallHandle(libc.find("getdents64").orElseThrow(), FunctionDescriptor.of(l, i, a, l),
                    errnoOption);
            statx = linker.downcallHandle(libc.find("statx").orElseThrow(), FunctionDescriptor.of(i, i, a, i, i, a),
                    errnoOption);
            readlinkat = linker.downcallHandle(libc.find("readlinkat").orElseThrow(),
                    FunctionDescriptor.of(l, i, a, a, l), errnoOption);
            close = linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(i, i));
        }

        static @Nullable Native find() {
            if (!System.getProperty("os.name", "").equals("Linux")) {
                return null;
            }
            int oDirectory;
            switch (System.getProperty("os.arch", "")) {
                case "amd64", "x86_64" -> oDirectory = 0x10000;
                case "aarch64" -> oDirectory = 0x4000;
                default -> {
                    return null;
                }
            }
            try {
                return new Native(oDirectory);
            } catch (RuntimeException | Error e) {
                return null;
            }
        }
    }

    private static Charset jnu() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    /** True when this platform's libc functions were found. */
    static boolean available() {
        return NATIVE != null;
    }

    @Override
    public String name() {
        return "ffm";
    }

    /** One directory entry as getdents64 gave it. */
    private static final class Dent {
        final long ino;
        final byte[] name;

        Dent(long ino, byte[] name) {
            this.ino = ino;
            this.name = name;
        }
    }

    @Override
    public long read(Path dir, Predicate<byte[]> exclude, List<Entry> dirs, List<Entry> others, Logger log)
            throws IOException {
        Native n = NATIVE;
        if (n == null) {
            throw new IllegalStateException("the FFM directory reader is not available on this platform");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(n.capture);
            byte[] rawDir = RawNames.of(dir);
            MemorySegment cDir = arena.allocate(rawDir.length + 1L);
            MemorySegment.copy(rawDir, 0, cDir, ValueLayout.JAVA_BYTE, 0, rawDir.length);
            int fd = (int) n.openat.invokeExact(state, AT_FDCWD, cDir, n.oDirectory | O_CLOEXEC, 0);
            if (fd < 0) {
                int e = errno(n, state);
                throw switch (e) {
                    case ENOENT -> new NoSuchFileException(dir.toString());
                    case EACCES, EPERM -> new AccessDeniedException(dir.toString());
                    case ENOTDIR -> new NotDirectoryException(dir.toString());
                    default -> new FileSystemException(dir.toString(), null, "openat failed: " + errnoName(e));
                };
            }
            try {
                Dent[] dents = list(n, arena, state, fd, dir, exclude);
                return stat(n, arena, state, fd, dir, dents, dirs, others, log);
            } finally {
                int ignored = (int) n.close.invokeExact(fd);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static int errno(Native n, MemorySegment state) {
        return (int) n.errno.get(state, 0L);
    }

    private static String errnoName(int e) {
        return switch (e) {
            case 1 -> "EPERM";
            case 2 -> "ENOENT";
            case 5 -> "EIO";
            case 12 -> "ENOMEM";
            case 13 -> "EACCES";
            case 20 -> "ENOTDIR";
            case 36 -> "ENAMETOOLONG";
            case 40 -> "ELOOP";
            case 75 -> "EOVERFLOW";
            default -> "errno " + e;
        };
    }

    /** All entries but . and .., sorted by inode. */
    private static Dent[] list(Native n, Arena arena, MemorySegment state, int fd, Path dir, Predicate<byte[]> exclude)
            throws Throwable {
        MemorySegment buf = arena.allocate(DIRENT_BUFFER, 8);
        Dent[] out = new Dent[16];
        int count = 0;
        while (true) {
            long got = (long) n.getdents64.invokeExact(state, fd, buf, (long) DIRENT_BUFFER);
            if (got == 0) {
                break;
            }
            if (got < 0) {
                throw new FileSystemException(dir.toString(), null, "getdents64 failed: " + errnoName(errno(n, state)));
            }
            long off = 0;
            while (off < got) {
                long ino = buf.get(ValueLayout.JAVA_LONG_UNALIGNED, off);
                int reclen = Short.toUnsignedInt(buf.get(ValueLayout.JAVA_SHORT_UNALIGNED, off + 16));
                long nameAt = off + 19;
                long end = off + reclen;
                int len = 0;
                while (nameAt + len < end && buf.get(ValueLayout.JAVA_BYTE, nameAt + len) != 0) {
                    len++;
                }
                off = end;
                if (len == 1 && buf.get(ValueLayout.JAVA_BYTE, nameAt) == '.'
                        || len == 2 && buf.get(ValueLayout.JAVA_BYTE, nameAt) == '.'
                        && buf.get(ValueLayout.JAVA_BYTE, nameAt + 1) == '.') {
                    continue;
                }
                byte[] name = new byte[len];
                MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, nameAt, name, 0, len);
                if (exclude.test(name)) {
                    continue;
                }
                if (count == out.length) {
                    out = Arrays.copyOf(out, count * 2);
                }
                out[count++] = new Dent(ino, name);
            }
        }
        Dent[] d = Arrays.copyOf(out, count);
        Arrays.sort(d, (x, y) -> Long.compareUnsigned(x.ino, y.ino));
        return d;
    }

    private static long stat(Native n, Arena arena, MemorySegment state, int fd, Path dir, Dent[] dents,
                             List<Entry> dirs, List<Entry> others, Logger log) throws Throwable {
        MemorySegment cName = arena.allocate(256 + 1);
        MemorySegment stx = arena.allocate(STATX_SIZE, 8);
        @Nullable MemorySegment link = null;
        @Nullable Map<ByteBuffer, Path> rawPaths = null;
        CharsetDecoder strict = null;
        long vanished = 0;
        for (Dent d : dents) {
            byte[] name = d.name;
            Path path;
            String s = ascii(name);
            if (s == null) {
                if (strict == null) {
                    strict = JNU.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT);
                }
                s = decode(strict, name);
            }
            if (s != null) {
                path = dir.resolve(s);
            } else {
                if (rawPaths == null) {
                    rawPaths = rawPaths(dir);
                }
                Path p = rawPaths.get(ByteBuffer.wrap(name));
                if (p == null) {
                    vanished++;
                    log.warn("vanished during the scan: {}", dir.resolve(new String(name, JNU)));
                    continue;
                }
                path = p;
            }
            if (name.length + 1 > cName.byteSize()) {
                cName = arena.allocate(name.length + 1L);
            }
            MemorySegment.copy(name, 0, cName, ValueLayout.JAVA_BYTE, 0, name.length);
            cName.set(ValueLayout.JAVA_BYTE, name.length, (byte) 0);
            int r = (int) n.statx.invokeExact(state, fd, cName, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, stx);
            if (r != 0) {
                int e = errno(n, state);
                vanished++;
                if (e == ENOENT) {
                    log.warn("vanished during the scan: {}", path);
                } else {
                    log.warn("cannot stat {}: {}", path, "statx failed: " + errnoName(e));
                }
                continue;
            }
            Entry entry;
            try {
                if ((stx.get(ValueLayout.JAVA_INT, STX_MASK) & NEEDED) != NEEDED) {
                    entry = Entry.stat(name, path, false); // a file system that does not fill every field
                } else {
                    entry = new Entry(name, path, Short.toUnsignedInt(stx.get(ValueLayout.JAVA_SHORT, STX_MODE)),
                            stx.get(ValueLayout.JAVA_LONG, STX_INO),
                            makedev(stx.get(ValueLayout.JAVA_INT, STX_DEV_MAJOR), stx.get(ValueLayout.JAVA_INT, STX_DEV_MINOR)),
                            makedev(stx.get(ValueLayout.JAVA_INT, STX_RDEV_MAJOR), stx.get(ValueLayout.JAVA_INT, STX_RDEV_MINOR)),
                            stx.get(ValueLayout.JAVA_INT, STX_UID), stx.get(ValueLayout.JAVA_INT, STX_GID),
                            stx.get(ValueLayout.JAVA_LONG, STX_CTIME), stx.get(ValueLayout.JAVA_LONG, STX_MTIME),
                            stx.get(ValueLayout.JAVA_LONG, STX_SIZE));
                    if (entry.type() == Entry.S_IFLNK) {
                        if (link == null) {
                            link = arena.allocate(LINK_BUFFER);
                        }
                        long len = (long) n.readlinkat.invokeExact(state, fd, cName, link, (long) LINK_BUFFER);
                        if (len < 0) {
                            int e = errno(n, state);
                            throw e == ENOENT ? new NoSuchFileException(path.toString())
                                    : new FileSystemException(path.toString(), null, "readlinkat failed: " + errnoName(e));
                        }
                        if (len < LINK_BUFFER) {
                            byte[] t = new byte[(int) len];
                            MemorySegment.copy(link, ValueLayout.JAVA_BYTE, 0, t, 0, (int) len);
                            entry.target = t;
                        } else {
                            entry.target = RawNames.of(Files.readSymbolicLink(path)); // 4096 bytes or more
                        }
                    }
                }
            } catch (NoSuchFileException ex) {
                vanished++;
                log.warn("vanished during the scan: {}", path);
                continue;
            } catch (IOException | RuntimeException ex) {
                vanished++;
                log.warn("cannot stat {}: {}", path, ex.toString());
                continue;
            }
            (entry.isDirectory() ? dirs : others).add(entry);
        }
        return vanished;
    }

    /** glibc's {@code makedev}: the {@code dev_t} that {@code stat(2)} returns. */
    static long makedev(int major, int minor) {
        long ma = Integer.toUnsignedLong(major);
        long mi = Integer.toUnsignedLong(minor);
        return ((ma & 0x00000fffL) << 8) | ((ma & 0xfffff000L) << 32) | (mi & 0x000000ffL) | ((mi & 0xffffff00L) << 12);
    }

    private static @Nullable String ascii(byte[] name) {
        for (byte b : name) {
            if (b < 0) {
                return null;
            }
        }
        return new String(name, StandardCharsets.ISO_8859_1);
    }

    private static @Nullable String decode(CharsetDecoder strict, byte[] name) {
        try {
            String s = strict.reset().decode(ByteBuffer.wrap(name)).toString();
            return Arrays.equals(s.getBytes(JNU), name) ? s : null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The paths of {@code dir}'s entries by raw name, from the JDK (for names the jnu encoding cannot carry). */
    private static Map<ByteBuffer, Path> rawPaths(Path dir) throws IOException {
        Map<ByteBuffer, Path> m = new HashMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                m.put(ByteBuffer.wrap(RawNames.fileName(p)), p);
            }
        }
        return m;
    }
}
