package org.rdump.core.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.rdump.api.RdumpException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The ledger: an SQLite file (WAL journal, {@code synchronous=FULL}) holding every run, the
 * outcome of each of its volumes, every backup it made or attempted and every test restore or
 * restore check. Each write is one transaction, so a run killed at any point leaves either its
 * start or its whole record: the next run, which holds the configuration's lock, marks a run left
 * {@link RunOutcome#RUNNING} as {@link RunOutcome#INTERRUPTED} ({@link #markInterrupted}).
 * Readers ({@code rdump status}, {@code rdump list}) open it read-only, without the lock; WAL
 * lets them read while a run writes. Thread-safe (one connection, synchronized).
 *
 * <p>Opening checks the file ({@code PRAGMA quick_check}); a file that is not an SQLite database
 * or fails the check throws {@link DamagedException}. {@link LedgerOpening} sets such a file
 * aside for a run, so that a damaged ledger never blocks a backup.
 */
public final class Ledger implements AutoCloseable {
    /** The schema this code writes ({@code PRAGMA user_version}). */
    static final int SCHEMA = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DDL = List.of(
            "CREATE TABLE IF NOT EXISTS run (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, stamp TEXT NOT NULL,"
                    + " started INTEGER NOT NULL, finished INTEGER, outcome TEXT NOT NULL, error TEXT,"
                    + " pid INTEGER NOT NULL, volumes TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS volume_run (run INTEGER NOT NULL REFERENCES run(id), volume TEXT NOT NULL,"
                    + " outcome TEXT NOT NULL, error TEXT, PRIMARY KEY (run, volume))",
            "CREATE TABLE IF NOT EXISTS backup (id INTEGER PRIMARY KEY, run INTEGER NOT NULL REFERENCES run(id),"
                    + " volume TEXT NOT NULL, destination TEXT NOT NULL, tool TEXT NOT NULL, stamp TEXT NOT NULL,"
                    + " archive TEXT, time INTEGER NOT NULL, manifest_version INTEGER NOT NULL, files INTEGER NOT NULL,"
                    + " bytes INTEGER NOT NULL, duration_ms INTEGER NOT NULL, outcome TEXT NOT NULL, error TEXT,"
                    + " warnings TEXT NOT NULL, sha256 TEXT)",
            "CREATE INDEX IF NOT EXISTS backup_volume ON backup (volume, destination, stamp)",
            "CREATE TABLE IF NOT EXISTS verification (id INTEGER PRIMARY KEY, run INTEGER NOT NULL REFERENCES run(id),"
                    + " kind TEXT NOT NULL, volume TEXT NOT NULL, destination TEXT NOT NULL, tool TEXT NOT NULL,"
                    + " stamp TEXT, backup_time INTEGER, paths TEXT NOT NULL, checked INTEGER NOT NULL,"
                    + " verdict TEXT NOT NULL, differences INTEGER NOT NULL, difference_lines TEXT NOT NULL, error TEXT,"
                    + " at INTEGER NOT NULL, duration_ms INTEGER NOT NULL)",
            "CREATE INDEX IF NOT EXISTS verification_volume ON verification (volume, destination, stamp)",
            // schema 2: what each sampled check covered of its cycle (rdump verify --sample)
            "CREATE TABLE IF NOT EXISTS sample (verification INTEGER PRIMARY KEY REFERENCES verification(id),"
                    + " cycle INTEGER NOT NULL, seed INTEGER NOT NULL, entries INTEGER NOT NULL, count INTEGER NOT NULL,"
                    + " cursor INTEGER NOT NULL, completes INTEGER NOT NULL)");

    private final Path file;
    private final Connection db;
    /** The file's schema: a read-only ledger of schema 1 has no sample table. */
    private final int schema;

    private Ledger(Path file, Connection db, int schema) {
        this.file = file;
        this.db = db;
        this.schema = schema;
    }

    /**
     * The ledger of the configuration whose lock file is {@code lockFile}: {@code LOCK.ledger} beside it.
     *
     * @param lockFile the configuration's lock file
     * @return the ledger's path; the file need not exist
     */
    public static Path beside(Path lockFile) {
        return lockFile.resolveSibling(lockFile.getFileName() + ".ledger");
    }

    /**
     * Opens (creating when missing) the ledger for writing; the caller holds the configuration's lock.
     *
     * @param file the ledger file; its directory must exist
     * @throws DamagedException when the file is not a readable ledger
     * @throws RdumpException when it cannot be opened or created (a read-only directory)
     * @return the open ledger; the caller closes it
     */
    public static Ledger open(Path file) {
        return open(file, false);
    }

    /**
     * Opens an existing ledger read-only; changes nothing.
     *
     * @param file the ledger file
     * @throws DamagedException when the file is not a readable ledger
     * @throws RdumpException when it is missing or cannot be opened
     * @return the open ledger; the caller closes it
     */
    public static Ledger openReadOnly(Path file) {
        if (!Files.exists(file)) {
            throw new RdumpException("no ledger at " + file + ": no run of this configuration has finished yet");
        }
        return open(file, true);
    }

    private static Ledger open(Path file, boolean readOnly) {
        SQLiteConfig c = new SQLiteConfig();
        c.setBusyTimeout(10_000);
        c.enforceForeignKeys(true);
        if (readOnly) {
            c.setReadOnly(true);
        } else {
            c.setJournalMode(SQLiteConfig.JournalMode.WAL);
            c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        }
        Connection db = null;
        try {
            db = c.createConnection("jdbc:sqlite:" + file);
            check(file, db);
            int version = userVersion(db);
            if (version > SCHEMA) {
                throw new RdumpException("the ledger " + file + " was written by a newer rdump (schema " + version
                        + ", this one knows " + SCHEMA + "); run that rdump, or move the file away");
            }
            if (!readOnly && version < SCHEMA) {
                db.setAutoCommit(false);
                try (Statement s = db.createStatement()) {
                    for (String ddl : DDL) {
                        s.execute(ddl);
                    }
                    if (version >= 1 && version < 3) {
                        // schema 3: the SHA-256 a tool recorded of what it wrote (ArchiveInfo.SHA256)
                        s.execute("ALTER TABLE backup ADD COLUMN sha256 TEXT");
                    }
                    s.execute("PRAGMA user_version = " + SCHEMA);
                }
                db.commit();
            }
            db.setAutoCommit(true);
            return new Ledger(file, db, readOnly ? version : SCHEMA);
        } catch (SQLException e) {
            closeQuietly(db);
            if (damage(e)) {
                throw new DamagedException(file, e.getMessage());
            }
            throw new RdumpException("cannot open the ledger " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(db);
            throw e;
        }
    }

    private static void check(Path file, Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("PRAGMA quick_check")) {
            List<String> found = new ArrayList<>();
            while (r.next()) {
                found.add(r.getString(1));
            }
            if (!found.equals(List.of("ok"))) {
                throw new DamagedException(file, "integrity check failed: " + String.join("; ", found.stream()
                        .limit(3).toList()));
            }
        }
    }

    private static int userVersion(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    private static boolean damage(SQLException e) {
        if (e instanceof SQLiteException s) {
            SQLiteErrorCode code = s.getResultCode();
            return code == SQLiteErrorCode.SQLITE_NOTADB || code == SQLiteErrorCode.SQLITE_CORRUPT
                    || code.name().startsWith("SQLITE_CORRUPT");
        }
        return false;
    }

    /**
     * The ledger's file.
     *
     * @return never null
     */
    public Path file() {
        return file;
    }

    /**
     * Marks every run still {@link RunOutcome#RUNNING} (and its volumes) as
     * {@link RunOutcome#INTERRUPTED}: under the configuration's lock no such run is alive.
     *
     * @return the runs marked, oldest first
     */
    public synchronized List<RunRecord> markInterrupted() {
        return write(() -> {
            List<RunRecord> left = runs("WHERE outcome = 'running'");
            try (PreparedStatement r = db.prepareStatement("UPDATE run SET outcome = 'interrupted', error ="
                    + " 'killed before it finished (recorded by the next run)' WHERE outcome = 'running'");
                 PreparedStatement v = db.prepareStatement("UPDATE volume_run SET outcome = 'interrupted', error ="
                         + " 'the run was killed before it finished' WHERE outcome = 'running'")) {
                r.executeUpdate();
                v.executeUpdate();
            }
            return left;
        });
    }

    /**
     * Records that a run started, with each of its volumes as {@link RunOutcome#RUNNING}.
     *
     * @param kind {@code backup}, {@code verify} or {@code restore}
     * @param stamp the run stamp
     * @param started when the run started
     * @param volumes the volumes of the plan, in plan order
     * @return the run's ledger id
     * @throws RdumpException when it cannot be written
     */
    public synchronized long startRun(String kind, String stamp, Instant started, List<String> volumes) {
        return write(() -> {
            long id;
            try (PreparedStatement s = db.prepareStatement("INSERT INTO run (kind, stamp, started, outcome, pid,"
                    + " volumes) VALUES (?, ?, ?, 'running', ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, kind);
                s.setString(2, stamp);
                s.setLong(3, started.toEpochMilli());
                s.setLong(4, ProcessHandle.current().pid());
                s.setString(5, json(volumes));
                s.executeUpdate();
                try (ResultSet k = s.getGeneratedKeys()) {
                    k.next();
                    id = k.getLong(1);
                }
            }
            try (PreparedStatement s = db.prepareStatement("INSERT INTO volume_run (run, volume, outcome)"
                    + " VALUES (?, ?, 'running')")) {
                for (String v : volumes) {
                    s.setLong(1, id);
                    s.setString(2, v);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return id;
        });
    }

    /**
     * Records, in one transaction, how run {@code run} ended: its outcome, each volume's, and
     * every backup and check it made.
     *
     * @param run the id {@link #startRun} returned
     * @param outcome how the run ended
     * @param error its first error, or null
     * @param finished when it ended
     * @param backups every backup the run made or attempted
     * @param verifications every check the run made
     * @param volumes each volume's outcome and error (null for none)
     * @throws RdumpException when it cannot be written
     */
    public synchronized void finishRun(long run, RunOutcome outcome, @Nullable String error, Instant finished,
                                       Map<String, Map.Entry<RunOutcome, @Nullable String>> volumes,
                                       List<BackupRecord> backups, List<VerificationRecord> verifications) {
        write(() -> {
            try (PreparedStatement s = db.prepareStatement("UPDATE run SET outcome = ?, error = ?, finished = ?"
                    + " WHERE id = ?")) {
                s.setString(1, outcome.label());
                s.setString(2, error);
                s.setLong(3, finished.toEpochMilli());
                s.setLong(4, run);
                s.executeUpdate();
            }
            try (PreparedStatement s = db.prepareStatement("UPDATE volume_run SET outcome = ?, error = ? WHERE run = ?"
                    + " AND volume = ?")) {
                for (var e : volumes.entrySet()) {
                    s.setString(1, e.getValue().getKey().label());
                    s.setString(2, e.getValue().getValue());
                    s.setLong(3, run);
                    s.setString(4, e.getKey());
                    s.addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = db.prepareStatement("INSERT INTO backup (run, volume, destination, tool, stamp,"
                    + " archive, time, manifest_version, files, bytes, duration_ms, outcome, error, warnings, sha256)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (BackupRecord b : backups) {
                    s.setLong(1, run);
                    s.setString(2, b.volume());
                    s.setString(3, b.destination());
                    s.setString(4, b.tool());
                    s.setString(5, b.stamp());
                    s.setString(6, b.archive());
                    s.setLong(7, b.time().toEpochMilli());
                    s.setInt(8, b.manifestVersion());
                    s.setLong(9, b.files());
                    s.setLong(10, b.bytes());
                    s.setLong(11, b.duration().toMillis());
                    s.setString(12, b.outcome().label());
                    s.setString(13, b.error());
                    s.setString(14, json(b.warnings()));
                    s.setString(15, b.sha256());
                    s.addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = db.prepareStatement("INSERT INTO verification (run, kind, volume, destination,"
                    + " tool, stamp, backup_time, paths, checked, verdict, differences, difference_lines, error, at,"
                    + " duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
                 PreparedStatement c = db.prepareStatement("INSERT INTO sample (verification, cycle, seed, entries,"
                         + " count, cursor, completes) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (VerificationRecord v : verifications) {
                    s.setLong(1, run);
                    s.setString(2, v.kind());
                    s.setString(3, v.volume());
                    s.setString(4, v.destination());
                    s.setString(5, v.tool());
                    s.setString(6, v.stamp());
                    if (v.backupTime() == null) {
                        s.setNull(7, Types.INTEGER);
                    } else {
                        s.setLong(7, v.backupTime().toEpochMilli());
                    }
                    s.setString(8, json(v.paths()));
                    s.setLong(9, v.checked());
                    s.setString(10, v.verdict().label());
                    s.setLong(11, v.differences());
                    s.setString(12, json(v.differenceLines()));
                    s.setString(13, v.error());
                    s.setLong(14, v.at().toEpochMilli());
                    s.setLong(15, v.duration().toMillis());
                    s.executeUpdate();
                    SampleCoverage cov = v.sample();
                    if (cov != null) {
                        try (ResultSet k = s.getGeneratedKeys()) {
                            k.next();
                            c.setLong(1, k.getLong(1));
                        }
                        c.setLong(2, cov.cycle());
                        c.setLong(3, cov.seed());
                        c.setLong(4, cov.entries());
                        c.setLong(5, cov.count());
                        c.setLong(6, cov.cursor());
                        c.setInt(7, cov.completes() ? 1 : 0);
                        c.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    /**
     * Everything, read in one transaction.
     *
     * @return never null
     * @throws RdumpException when it cannot be read
     */
    public synchronized LedgerSnapshot snapshot() {
        try {
            db.setAutoCommit(false);
            try {
                return new LedgerSnapshot(runs(""), outcomesQuery(), backupsQuery(), verificationsQuery());
            } finally {
                db.rollback();
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * Every run, oldest first.
     *
     * @return never null; empty for a new ledger
     * @throws RdumpException when it cannot be read
     */
    public synchronized List<RunRecord> runs() {
        return read(() -> runs(""));
    }

    /**
     * Every volume's outcome in every run, oldest first.
     *
     * @return never null; empty for a new ledger
     * @throws RdumpException when it cannot be read
     */
    public synchronized List<VolumeOutcome> volumeOutcomes() {
        return read(this::outcomesQuery);
    }

    private List<VolumeOutcome> outcomesQuery() throws SQLException {
        {
            List<VolumeOutcome> out = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT v.run, r.kind, v.volume,"
                    + " r.started, v.outcome, v.error FROM volume_run v JOIN run r ON r.id = v.run ORDER BY v.run, v.rowid")) {
                while (r.next()) {
                    out.add(new VolumeOutcome(r.getLong(1), r.getString(2), r.getString(3),
                            Instant.ofEpochMilli(r.getLong(4)), RunOutcome.of(r.getString(5)), r.getString(6)));
                }
            }
            return out;
        }
    }

    /**
     * Every backup recorded, oldest first.
     *
     * @return never null; empty for a new ledger
     * @throws RdumpException when it cannot be read
     */
    public synchronized List<BackupRecord> backups() {
        return read(this::backupsQuery);
    }

    private List<BackupRecord> backupsQuery() throws SQLException {
        {
            List<BackupRecord> out = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT volume, destination, tool,"
                    + " stamp, archive, time, manifest_version, files, bytes, duration_ms, outcome, error, warnings, "
                    + (schema >= 3 ? "sha256" : "NULL") + " FROM backup ORDER BY id")) {
                while (r.next()) {
                    out.add(new BackupRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), Instant.ofEpochMilli(r.getLong(6)), r.getInt(7), r.getLong(8), r.getLong(9),
                            Duration.ofMillis(r.getLong(10)), RunOutcome.of(r.getString(11)), r.getString(12),
                            list(r.getString(13)), r.getString(14)));
                }
            }
            return out;
        }
    }

    /**
     * Every test restore and restore check recorded, oldest first.
     *
     * @return never null; empty for a new ledger
     * @throws RdumpException when it cannot be read
     */
    public synchronized List<VerificationRecord> verifications() {
        return read(this::verificationsQuery);
    }

    private List<VerificationRecord> verificationsQuery() throws SQLException {
        {
            List<VerificationRecord> out = new ArrayList<>();
            String sample = schema >= 2 ? "c.cycle, c.seed, c.entries, c.count, c.cursor, c.completes"
                    : "NULL, NULL, NULL, NULL, NULL, NULL";
            String join = schema >= 2 ? " LEFT JOIN sample c ON c.verification = v.id" : "";
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT v.kind, v.volume,"
                    + " v.destination, v.tool, v.stamp, v.backup_time, v.paths, v.checked, v.verdict, v.differences,"
                    + " v.difference_lines, v.error, v.at, v.duration_ms, " + sample + " FROM verification v" + join
                    + " ORDER BY v.id")) {
                while (r.next()) {
                    long bt = r.getLong(6);
                    Instant backupTime = r.wasNull() ? null : Instant.ofEpochMilli(bt);
                    long cycle = r.getLong(15);
                    SampleCoverage cov = r.wasNull() ? null : new SampleCoverage(cycle, r.getLong(16), r.getLong(17),
                            r.getLong(18), r.getLong(19), r.getInt(20) != 0);
                    out.add(new VerificationRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), backupTime, list(r.getString(7)), r.getLong(8),
                            VerificationRecord.Verdict.valueOf(r.getString(9).toUpperCase(java.util.Locale.ROOT)),
                            r.getLong(10), list(r.getString(11)), r.getString(12), Instant.ofEpochMilli(r.getLong(13)),
                            Duration.ofMillis(r.getLong(14)), cov));
                }
            }
            return out;
        }
    }

    private List<RunRecord> runs(String where) throws SQLException {
        List<RunRecord> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT id, kind, stamp, started,"
                + " finished, outcome, error, volumes FROM run " + where + " ORDER BY id")) {
            while (r.next()) {
                long f = r.getLong(5);
                Instant finished = r.wasNull() ? null : Instant.ofEpochMilli(f);
                out.add(new RunRecord(r.getLong(1), r.getString(2), r.getString(3), Instant.ofEpochMilli(r.getLong(4)),
                        finished, RunOutcome.of(r.getString(6)), r.getString(7), list(r.getString(8))));
            }
        }
        return out;
    }

    /** A ledger query's body. */
    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T write(Work<T> work) {
        try {
            db.setAutoCommit(false);
            try {
                T t = work.run();
                db.commit();
                return t;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("write to", e);
        }
    }

    private <T> T read(Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private RdumpException failure(String what, SQLException e) {
        if (damage(e)) {
            return new DamagedException(file, e.getMessage());
        }
        return new RdumpException("cannot " + what + " the ledger " + file + ": " + e.getMessage(), e);
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> list(@Nullable String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            return List.of(json);
        }
    }

    private static void closeQuietly(@Nullable Connection db) {
        if (db != null) {
            try {
                db.close();
            } catch (SQLException e) {
                // nothing more to do with a connection that failed to open
            }
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(db);
    }

    /** The file is not a readable ledger (not an SQLite database, or it fails its integrity check). */
    public static final class DamagedException extends RdumpException {
        private static final long serialVersionUID = 1L;
        private final transient Path file;

        DamagedException(Path file, @Nullable String detail) {
            super("the ledger " + file + " is damaged (" + detail + ")");
            this.file = file;
        }

        /**
         * The damaged file.
         *
         * @return never null
         */
        /**
         * The damaged file.
         *
         * @return never null
         */
        public Path file() {
            return file;
        }
    }
}
