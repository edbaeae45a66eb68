package org.rdump.zfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.RdumpException;
import org.rdump.api.Settings;
import org.rdump.api.SnapshotRef;
import org.rdump.testkit.TestRunContext;
import org.rdump.testkit.ZfsTestPool;

class ZfsSnapshotProviderIT {
    @TempDir
    Path tmp;
    ZfsTestPool pool;
    TestRunContext ctx;
    final ZfsSnapshotProvider provider = new ZfsSnapshotProvider();

    @BeforeEach
    void setUp() {
        pool = ZfsTestPool.create("p");
        ctx = TestRunContext.real(tmp.resolve("scratch"));
        ZfsTestPool.run("zfs", "create", pool.ds("home dir"));
    }

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void createdSnapshotIsListedAndRemovedTwice() {
        String vol = pool.ds("home dir");
        SnapshotRef a = provider.create(vol, "a", Settings.of(Map.of()), ctx);
        SnapshotRef b = provider.create(vol, "b", Settings.of(Map.of()), ctx);
        assertThat(provider.list(vol, ctx)).extracting(SnapshotRef::name).containsExactly("a", "b");
        assertThat(provider.list(vol, ctx).get(0).properties()).containsKey("creation");
        provider.remove(a, ctx);
        provider.remove(a, ctx);
        assertThat(provider.list(vol, ctx)).extracting(SnapshotRef::name).containsExactly("b");
        provider.remove(b, ctx);
        assertThat(provider.list(vol, ctx)).isEmpty();
    }

    @Test
    void writableCloneHoldsTheSnapshotsFilesAndIsDestroyed() throws Exception {
        String vol = pool.ds("home dir");
        Files.writeString(pool.mount("home dir").resolve("f.txt"), "v1");
        SnapshotRef s = provider.create(vol, "s1", Settings.of(Map.of()), ctx);
        Files.writeString(pool.mount("home dir").resolve("f.txt"), "v2");
        SnapshotRef clone = provider.cloneWritable(s, pool.ds("snaps/home dir"), ctx);
        Path cloneMount = pool.mount("snaps/home dir");
        assertThat(Files.readString(cloneMount.resolve("f.txt"))).isEqualTo("v1");
        Files.writeString(cloneMount.resolve("new"), "writable");
        provider.remove(clone, ctx);
        assertThat(new ZfsClient(ctx.runner(), ZfsCommands.local()).exists(clone.device())).isFalse();
    }

    @Test
    void missingVolumeNamesTheVolume() {
        assertThatThrownBy(() -> provider.create(pool.ds("nope"), "x", Settings.of(Map.of()), ctx))
                .isInstanceOf(RdumpException.class).hasMessageContaining(pool.ds("nope"));
        assertThatThrownBy(() -> provider.list(pool.ds("nope"), ctx))
                .isInstanceOf(RdumpException.class).hasMessageContaining(pool.ds("nope"));
    }

    @Test
    void featuresOfZfsFuseAreDetectedAsAbsent() {
        ZfsFeatures f = ZfsFeatures.detect(ctx.runner(), ZfsCommands.local(), pool.name);
        assertThat(f.features()).as("zfs-fuse: no list -p, no send -nP, no receive -u/-s, no bookmarks").isEmpty();
        List<ZfsRow> rows = new ZfsClient(ctx.runner(), ZfsCommands.local()).listTree(pool.name,
                List.of("name", "mountpoint"), false);
        assertThat(rows).extracting(ZfsRow::name).contains(pool.ds("home dir"));
    }
}
