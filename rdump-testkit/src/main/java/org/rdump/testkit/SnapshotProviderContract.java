package org.rdump.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.Settings;
import org.rdump.api.SnapshotProvider;
import org.rdump.api.SnapshotRef;

/**
 * The behaviour every {@link SnapshotProvider} shares. A provider's test extends this class and
 * supplies the factories; it does not override the tests. Each test calls the factories afresh
 * and uses its own snapshot names, so no test depends on another or on their order.
 *
 * <p>Checks: a created snapshot is listed and a removed one is not; removing twice, or
 * removing what was never created, is fine (cleanup runs again after a crash); a missing volume
 * gives an {@link RdumpException} that names the volume.
 */
public abstract class SnapshotProviderContract {

    /** A fresh provider. */
    protected abstract SnapshotProvider newProvider();

    /** A context whose runner reaches the fixture's volumes (real or stand-in programs). */
    protected abstract RunContext context();

    /** The settings to create snapshots with (size, thin...). */
    protected abstract Settings volumeSettings();

    /** A volume that exists and can be snapshotted, in the provider's terms ({@code vg0/root}). */
    protected abstract String volume();

    /** A well-formed name of a volume that does not exist ({@code vg0/nope}). */
    protected abstract String missingVolume();

    private static List<String> names(List<SnapshotRef> refs) {
        return refs.stream().map(SnapshotRef::name).toList();
    }

    @Nested
    class Create {
        @Test
        void createdSnapshotIsListed() {
            SnapshotProvider provider = newProvider();
            RunContext ctx = context();

            SnapshotRef ref = provider.create(volume(), "contract_listed", volumeSettings(), ctx);

            assertThat(ref.provider()).isEqualTo(provider.id());
            assertThat(ref.volume()).isEqualTo(volume());
            assertThat(ref.name()).isEqualTo("contract_listed");
            assertThat(names(provider.list(volume(), ctx))).contains("contract_listed");
            provider.remove(ref, ctx);
        }

        @Test
        void snapshotOfMissingVolumeNamesTheVolume() {
            SnapshotProvider provider = newProvider();

            assertThatThrownBy(() -> provider.create(missingVolume(), "contract_missing",
                    volumeSettings(), context()))
                    .isInstanceOf(RdumpException.class)
                    .hasMessageContaining(missingVolume());
        }
    }

    @Nested
    class Remove {
        @Test
        void removedSnapshotIsNotListed() {
            SnapshotProvider provider = newProvider();
            RunContext ctx = context();
            SnapshotRef ref = provider.create(volume(), "contract_removed", volumeSettings(), ctx);

            provider.remove(ref, ctx);

            assertThat(names(provider.list(volume(), ctx))).doesNotContain("contract_removed");
        }

        @Test
        void removeIsIdempotent() {
            SnapshotProvider provider = newProvider();
            RunContext ctx = context();
            SnapshotRef ref = provider.create(volume(), "contract_twice", volumeSettings(), ctx);
            provider.remove(ref, ctx);

            assertThatCode(() -> provider.remove(ref, ctx)).doesNotThrowAnyException();
            assertThat(names(provider.list(volume(), ctx))).doesNotContain("contract_twice");
        }

        @Test
        void removeOfASnapshotThatNeverExistedIsFine() {
            SnapshotProvider provider = newProvider();
            RunContext ctx = context();
            SnapshotRef created = provider.create(volume(), "contract_other", volumeSettings(), ctx);
            SnapshotRef never = new SnapshotRef(provider.id(), volume(), "contract_never",
                    created.device().replace("contract_other", "contract_never"), Map.of());

            assertThatCode(() -> provider.remove(never, ctx)).doesNotThrowAnyException();
            assertThat(names(provider.list(volume(), ctx))).contains("contract_other");
            provider.remove(created, ctx);
        }
    }

    @Nested
    class ListSnapshots {
        @Test
        void listOfMissingVolumeNamesTheVolume() {
            SnapshotProvider provider = newProvider();

            assertThatThrownBy(() -> provider.list(missingVolume(), context()))
                    .isInstanceOf(RdumpException.class)
                    .hasMessageContaining(missingVolume());
        }

        @Test
        void listShowsOnlySnapshotsOfTheVolume() {
            SnapshotProvider provider = newProvider();
            RunContext ctx = context();
            SnapshotRef ref = provider.create(volume(), "contract_only", volumeSettings(), ctx);

            List<SnapshotRef> listed = provider.list(volume(), ctx);

            assertThat(listed).allSatisfy(r -> {
                assertThat(r.volume()).isEqualTo(volume());
                assertThat(r.provider()).isEqualTo(provider.id());
            });
            assertThat(names(listed)).doesNotContain(volume(), volume().substring(volume().lastIndexOf('/') + 1));
            provider.remove(ref, ctx);
        }
    }
}
