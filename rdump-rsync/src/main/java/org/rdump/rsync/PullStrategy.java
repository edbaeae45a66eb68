package org.rdump.rsync;

import java.util.ArrayList;
import java.util.List;
import org.rdump.api.PlanContext;
import org.rdump.api.RdumpApi;
import org.rdump.api.SettingsSchema;
import org.rdump.api.Step;
import org.rdump.api.Strategy;
import org.rdump.api.VolumeSpec;

/**
 * The {@code pull:} section: volumes whose tree is on another host, pulled over ssh with rsync
 * into a local staging mirror that is kept between runs (so each pull transfers only changes),
 * then handled like a {@code simple} volume rooted at the staging: the manifest is updated there
 * (only after a complete pull) and every tool the actions name backs the staging up.
 *
 * <pre>{@code
 * pull:
 *   - name: web
 *     src: root@web1:/srv
 *     staging: /srv/rdump/pull/web
 *     ssh: {port: 22, identity_file: /etc/rdump/id_ed25519}
 *     rsync_path: "sudo rsync"
 *     actions: [rsure, offsite]
 * }</pre>
 *
 * Stateless and thread-safe; {@link #plan} runs nothing.
 */
public final class PullStrategy implements Strategy {

    /** Creates the strategy; {@code ServiceLoader} calls this. */
    public PullStrategy() {
    }

    @Override
    public String id() {
        return "pull";
    }

    @Override
    public String apiVersion() {
        return RdumpApi.VERSION;
    }

    @Override
    public String description() {
        return "remote trees pulled over ssh (rsync) into a local staging mirror, then backed up from it";
    }

    @Override
    public SettingsSchema schema() {
        return PullSettings.SCHEMA;
    }

    @Override
    public void validate(VolumeSpec volume) {
        PullSettings.from(volume.settings());
    }

    /** PULL (SNAPSHOT phase), then the integrity and backup steps on the staging. */
    @Override
    public List<Step> plan(VolumeSpec volume, PlanContext context) {
        PullSettings s = PullSettings.from(volume.settings());
        List<Step> steps = new ArrayList<>();
        steps.add(new PullStep(volume.name(), s));
        steps.addAll(context.integritySteps(volume, s.staging(), null));
        steps.addAll(context.backupSteps(volume, s.staging()));
        return steps;
    }
}
