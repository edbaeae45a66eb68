package org.rdump.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rdump.api.Settings;
import org.rdump.api.Step;
import org.rdump.api.VolumeSpec;
import org.rdump.api.command.CommandRunner;
import org.rdump.testkit.StepCrashContract;

/**
 * The lvm strategy's steps killed after each step and right after each command (against the
 * stand-in LVM programs: no device-mapper here): the undo records alone remove the snapshot and
 * unmount it.
 */
class LvmStepCrashIT extends StepCrashContract {
    private final Map<Path, LvmStandIns> standIns = new HashMap<>();

    private LvmStandIns lvm(Path dir) throws Exception {
        LvmStandIns l = standIns.get(dir);
        if (l == null) {
            l = new LvmStandIns(dir.resolve("lvm"));
            Path live = l.volume("vg0", "root", "linear", "ext4");
            Files.writeString(live.resolve("etc-passwd"), "root:x:0:0\n");
            standIns.put(dir, l);
        }
        return l;
    }

    @Override
    protected List<Step> plan(Path dir) throws Exception {
        LvmStandIns l = lvm(dir);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mount", l.contents("vg0", "root").toString());
        s.put("snap", dir.resolve("mnt/snap/root").toString());
        s.put("vg", "vg0");
        s.put("lv", "root");
        s.put("lv_snap", "root_snap");
        s.put("fs", "ext4");
        VolumeSpec v = new VolumeSpec("root", "lvm", Settings.of(s), List.of("snap", "rsure", "borg"));
        return new LvmStrategy().plan(v, new FakePlanContext());
    }

    @Override
    protected CommandRunner runner(Path dir) throws Exception {
        return lvm(dir).programs.runner();
    }

    @Override
    protected void assertNothingLeft(Path dir) throws Exception {
        LvmStandIns l = lvm(dir);
        assertThat(l.exists("vg0", "root_snap")).as("the snapshot is removed").isFalse();
        assertThat(l.mounted(dir.resolve("mnt/snap/root"))).as("the snapshot is unmounted").isFalse();
        assertThat(l.exists("vg0", "root")).as("the origin is untouched").isTrue();
    }
}
