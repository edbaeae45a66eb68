package org.rdump.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.Settings;
import org.rdump.api.SnapshotProvider;
import org.rdump.api.SnapshotFeature;
import org.rdump.api.SnapshotRef;
import org.rdump.api.Undo;
import org.rdump.api.support.UndoActions;

/**
 * The behaviour every {@link SnapshotProvider} shares. A provider's test extends this class and
 * supplies the factories; it does not override the tests. Each test calls the factories afresh
 * and uses its own snapshot names, so no test depends on another or on their order.
 *
 * <p>Checks: a created snapshot is listed and a removed one is not; removing twice, or
 * removing what was never created, is fine (cleanup runs again after a crash); a missing volume
 * gives an {@link RdumpException} that names the volume. With {@link SnapshotFeature#KEEP}: a kept
 * snapshot outlives the run's, is listed with the volume's settings, is never made over an
 * existing one, and its {@link SnapshotProvider#keptRemoval} actions alone delete it.
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

    @Nested
    class Keep {
        @Test
        void aKeptSnapshotOutlivesTheRunsAndItsRemovalActionsAloneDeleteIt() {
            SnapshotProvider provider = newProvider();
            assumeTrue(provider.features().contains(SnapshotFeature.KEEP), "the provider cannot keep snapshots");
            RunContext ctx = context();
            SnapshotRef ref = provider.create(volume(), "contract_run", volumeSettings(), ctx);

            SnapshotRef kept = provider.keep(ref, "contract_kept", volumeSettings(), ctx);
            provider.remove(ref, ctx);

            assertThat(kept.name()).isEqualTo("contract_kept");
            assertThat(names(provider.list(volume(), volumeSettings(), ctx))).contains("contract_kept")
                    .doesNotContain("contract_run");
            UndoActions.carryOut(new Undo("kept-snapshot", "contract_kept", "contract", provider.keptRemoval(
                    volume(), "contract_kept", volumeSettings())), ctx);
            assertThat(names(provider.list(volume(), volumeSettings(), ctx))).doesNotContain("contract_kept");
        }

        @Test
        void keepingUnderTheNameOfAnExistingSnapshotFailsAndLeavesItAlone() {
            SnapshotProvider provider = newProvider();
            assumeTrue(provider.features().contains(SnapshotFeature.KEEP), "the provider cannot keep snapshots");
            RunContext ctx = context();
            SnapshotRef ref = provider.create(volume(), "contract_run2", volumeSettings(), ctx);
            SnapshotRef kept = provider.keep(ref, "contract_kept2", volumeSettings(), ctx);

            assertThatThrownBy(() -> provider.keep(ref, "contract_kept2", volumeSettings(), ctx))
                    .isInstanceOf(RdumpException.class).hasMessageContaining("contract_kept2");
            assertThat(names(provider.list(volume(), volumeSettings(), ctx))).contains("contract_kept2");
            provider.remove(ref, ctx);
            provider.remove(kept, ctx);
            assertThat(names(provider.list(volume(), volumeSettings(), ctx))).doesNotContain("contract_kept2");
        }
    }
}
