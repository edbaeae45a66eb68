package org.rdump.zfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.RunContext;
import org.rdump.api.Settings;
import org.rdump.api.SnapshotProvider;
import org.rdump.testkit.SnapshotProviderContract;
import org.rdump.testkit.TestRunContext;
import org.rdump.testkit.ZfsTestPool;

/**
 * rdump-testkit's {@link SnapshotProviderContract} for {@link ZfsSnapshotProvider} on a real
 * zfs-fuse pool (one pool for the class: every contract test uses its own snapshot names). The
 * volume's name has a space, which zfs allows and every command must pass as one argument.
 */
class ZfsSnapshotProviderContractIT extends SnapshotProviderContract {
    static ZfsTestPool pool;

    @TempDir
    Path tmp;

    @BeforeAll
    static void createPool() {
        pool = ZfsTestPool.create("c");
        ZfsTestPool.run("zfs", "create", "-p", pool.ds("data/home dir"));
        ZfsTestPool.run("zfs", "create", pool.ds("data/home dir2"));
    }

    @AfterAll
    static void destroyPool() {
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    protected SnapshotProvider newProvider() {
        return new ZfsSnapshotProvider();
    }

    @Override
    protected RunContext context() {
        return TestRunContext.real(tmp.resolve("scratch"));
    }

    @Override
    protected Settings volumeSettings() {
        return Settings.of(Map.of());
    }

    @Override
    protected String volume() {
        return pool.ds("data/home dir");
    }

    @Override
    protected String missingVolume() {
        return pool.ds("data/nope");
    }

    @Test
    void aSiblingsSnapshotsAreNotListed() {
        SnapshotProvider p = newProvider();
        RunContext ctx = context();
        var sibling = p.create(pool.ds("data/home dir2"), "sibling_only", volumeSettings(), ctx);
        assertThat(p.list(volume(), ctx)).extracting(r -> r.name()).doesNotContain("sibling_only");
        assertThat(p.list(pool.ds("data/home dir2"), ctx)).extracting(r -> r.name()).containsExactly("sibling_only");
        p.remove(sibling, ctx);
    }

    @Test
    void aRecursiveSnapshotIsRemovedWithItsChildrensAndItsJournalRecordSaysSo() {
        ZfsTestPool.run("zfs", "create", "-p", pool.ds("data/rec/child"));
        SnapshotProvider p = newProvider();
        RunContext ctx = context();
        Settings recursive = Settings.of(Map.of("recursive", true));
        var ref = p.create(pool.ds("data/rec"), "rec_snap", recursive, ctx);
        assertThat(p.list(pool.ds("data/rec/child"), ctx)).extracting(r -> r.name()).containsExactly("rec_snap");
        assertThat(p.removal(pool.ds("data/rec"), "rec_snap", recursive)).singleElement().asString()
                .contains("destroy, -r, " + pool.ds("data/rec") + "@rec_snap");

        p.remove(ref, ctx);

        assertThat(p.list(pool.ds("data/rec"), ctx)).isEmpty();
        assertThat(p.list(pool.ds("data/rec/child"), ctx)).isEmpty();
    }
}
