package org.rdump.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rdump.api.ConfigException;
import org.rdump.api.ConfigProblem;
import org.rdump.api.ToolTarget;
import org.rdump.api.VolumeSpec;
import org.rdump.core.Fakes;

class ConfigLoaderTest {
    static final Path FILE = Path.of("/etc/rdump/rdump.yaml");

    static RdumpConfig parse(String yaml) {
        return new ConfigLoader(Fakes.registry()).parse(FILE, new StringReader(yaml));
    }

    static List<String> problems(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("config was accepted:\n" + yaml);
    }

    @Nested
    class Valid {
        @Test
        void originalLayoutWithToolsAndRelativePaths() {
            RdumpConfig c = parse("""
                    tools:
                      copies: {type: copy, dest: ../backups, mode: versioned, keep: 3}
                    simple:
                      - name: boot
                        mount: /boot
                        actions: [rsure, copies]
                    snapvol:
                      - name: root
                        mount: /
                        snap: /mnt/snap/root
                        size: 10g
                        actions: [snap, rsure, copies]
                    """);
            assertThat(c.volumes()).extracting(VolumeSpec::name).containsExactly("boot", "root");
            assertThat(c.volumes().get(1).strategy()).isEqualTo("snapvol");
            assertThat(c.volumes().get(1).actions()).containsExactly("snap", "rsure", "copies");
            ToolTarget copies = c.tools().get("copies");
            assertThat(copies.tool()).isEqualTo("copy");
            assertThat(copies.settings().string("dest")).isEqualTo("/etc/backups");
            assertThat(copies.settings().number("keep", 0)).isEqualTo(3);
            assertThat(copies.settings().keys()).doesNotContain("type");
            assertThat(c.lockFile()).isEqualTo(Path.of("/etc/rdump/.rdump.yaml.lock"));
        }

        @Test
        void replicationJobsOfTheOriginalLayout() {
            RdumpConfig c = parse("""
                    simple:
                      - {name: boot, mount: /boot, actions: [rsure]}
                    zfs:
                      - web-media:
                          src: {host: vaco.example.org, volume: lint/web-media}
                          dest: {volume: gig/other/web-media}
                          exclude: ['.*/tmp$']
                    """);
            ReplicationJob j = c.replications().get(0);
            assertThat(j.name()).isEqualTo("web-media");
            assertThat(j.srcHost()).isEqualTo("vaco.example.org");
            assertThat(j.destHost()).isNull();
            assertThat(j.destVolume()).isEqualTo("gig/other/web-media");
            assertThat(j.exclude()).containsExactly(".*/tmp$");
            assertThat(c.volume("web-media")).hasValueSatisfying(v -> assertThat(v.strategy()).isEqualTo("zfs"));
        }

        @Test
        void selectingVolumesKeepsConfigOrderAndRejectsUnknownNames() {
            RdumpConfig c = parse("""
                    simple:
                      - {name: a, mount: /a, actions: [rsure]}
                      - {name: b, mount: /b, actions: [rsure]}
                    """);
            assertThat(c.select(List.of("b", "a"))).extracting(VolumeSpec::name).containsExactly("a", "b");
            assertThatThrownBy(() -> c.select(List.of("a", "nope", "zip")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("invalid configuration: /etc/rdump/rdump.yaml: no volumes named 'nope', 'zip';"
                            + " configured volumes: a, b");
        }
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("syntax error", "simple:\n  - name: [boot\n",
                        "rdump.yaml:2:16: YAML syntax error: while parsing a flow sequence"),
                Arguments.of("unknown key in a volume", """
                        simple:
                          - name: boot
                            mount: /boot
                            mountt: /x
                            actions: [rsure]
                        """, "rdump.yaml:4:5 simple[0].mountt: unknown key 'mountt' (did you mean 'mount'?);"
                        + " expected one of: name, actions, mount, zfs, mountpoint, max_shrink, hooks, dump, max_age, max_unverified"),
                Arguments.of("max_shrink not a share", """
                        simple:
                          - {name: boot, mount: /boot, max_shrink: half, actions: [rsure]}
                        """, "rdump.yaml:2:32 simple[0].max_shrink: expected a share from 0% to 100% (e.g. 50%),"
                        + " found 'half'"),
                Arguments.of("max_shrink over 100%", """
                        simple:
                          - {name: boot, mount: /boot, max_shrink: 150%, actions: [rsure]}
                        """, "rdump.yaml:2:32 simple[0].max_shrink: expected a share from 0% to 100% (e.g. 50%),"
                        + " found '150%'"),
                Arguments.of("missing required field", """
                        snapvol:
                          - name: root
                            mount: /
                            actions: [snap]
                        """, "rdump.yaml:2:5 snapvol[0]: missing required key 'snap' (a path: snapshot mount)"),
                Arguments.of("wrong type", """
                        tools:
                          copies: {type: copy, dest: /b, keep: many}
                        simple:
                          - {name: boot, mount: /boot, actions: [copies]}
                        """, "rdump.yaml:2:34 tools.copies.keep: expected a whole number for 'keep', found 'many'"),
                Arguments.of("value not among the choices", """
                        tools:
                          copies: {type: copy, dest: /b, mode: snapshot}
                        simple:
                          - {name: boot, mount: /boot, actions: [copies]}
                        """, "rdump.yaml:2:34 tools.copies.mode: 'snapshot' is not allowed for 'mode'; expected one"
                        + " of: mirror, versioned"),
                Arguments.of("unknown tool type (plugin)", """
                        tools:
                          vault: {type: restic, repo: /r}
                        simple:
                          - {name: boot, mount: /boot, actions: [rsure]}
                        """, "rdump.yaml:2:11 tools.vault.type: no BackupTool with id 'restic'; known: copy"),
                Arguments.of("unknown strategy section (plugin)", """
                        lvm:
                          - {name: root, mount: /, actions: [rsure]}
                        """, "rdump.yaml:1:1 lvm: unknown section 'lvm'; expected one of: config, tools, lock, scratch,"
                        + " on_error, ledger, metrics_file, ping, hooks, zfs, simple, snapvol (provided by the rdump-lvm module: add its jar)"),
                Arguments.of("ping URL that is not http", """
                        simple:
                          - {name: boot, mount: /boot, actions: [rsure]}
                        ping: {url: 'ftp://hc.example.org/secret-uuid'}
                        """, "rdump.yaml:3:8 ping.url: expected an http:// or https:// URL with a host, found"
                        + " ftp://hc.example.org/…"),
                Arguments.of("ping without a URL", """
                        simple:
                          - {name: boot, mount: /boot, actions: [rsure]}
                        ping: {timeout: 5s, retries: 11}
                        """, "rdump.yaml:3:21 ping.retries: expected 0 to 10 further attempts, found 11"),
                Arguments.of("ping with nowhere to ping", """
                        simple:
                          - {name: boot, mount: /boot, actions: [rsure]}
                        ping: {timeout: 5s}
                        """, "rdump.yaml:3:1 ping: no URL: set 'url' (a healthchecks check) or 'start', 'success',"
                        + " 'failure'"),
                Arguments.of("bad status threshold", """
                        simple:
                          - {name: boot, mount: /boot, max_unverified: 1 week, actions: [rsure]}
                        """, "rdump.yaml:2:32 simple[0].max_unverified: expected an age such as 26h, 8d, 1d12h or 90m (units s, m,"
                        + " h, d, w), found '1 week'"),
                Arguments.of("duplicate volume name", """
                        simple:
                          - {name: boot, mount: /boot, actions: [rsure]}
                        snapvol:
                          - {name: boot, mount: /, snap: /mnt, actions: [rsure]}
                        """, "rdump.yaml:4:6 snapvol[0].name: duplicate volume name 'boot' (first defined at"
                        + " rdump.yaml:2:6); volume names must be unique across all sections"),
                Arguments.of("unknown action", """
                        simple:
                          - {name: boot, mount: /boot, actions: [rsure, borg]}
                        """, "rdump.yaml:2:49 simple[0].actions[1]: unknown action 'borg'; expected snap, rsure or a"
                        + " tool defined under 'tools:' (or 'config: borg: SCRIPT' as in the original rdump);"
                        + " defined tools: none"),
                Arguments.of("missing name", """
                        simple:
                          - {mount: /boot, actions: [rsure]}
                        """, "rdump.yaml:2:5 simple[0]: missing required key 'name' (a string: the volume's unique name)"),
                Arguments.of("volume is not a mapping", """
                        simple:
                          - boot
                        """, "rdump.yaml:2:5 simple[0]: expected a volume (a mapping with name, actions...), found 'boot'"),
                Arguments.of("section is not a list", """
                        simple:
                          name: boot
                        """, "rdump.yaml:1:1 simple: expected a list of volumes ('- name: ...'), found a mapping"),
                Arguments.of("bad size", """
                        snapvol:
                          - {name: root, mount: /, snap: /mnt, size: huge, actions: [rsure]}
                        """, "rdump.yaml:2:40 snapvol[0].size: expected a size such as 5g, 512M or 10%ORIGIN for"
                        + " 'size', found 'huge'"),
                Arguments.of("duplicate key", """
                        simple:
                          - name: boot
                            mount: /boot
                            mount: /boot2
                            actions: [rsure]
                        """, "rdump.yaml:4:5 simple[0].mount: duplicate key 'mount' (the earlier one is ignored);"
                        + " remove one"),
                Arguments.of("empty file", "", "rdump.yaml:1:1 : no volumes configured; add a section such as"
                        + " 'simple:' with at least one volume"),
                Arguments.of("bad replication regex", """
                        zfs:
                          - job: {src: {volume: a}, dest: {volume: b}, exclude: ['(']}
                        """, "rdump.yaml:2:48 zfs[0].job.exclude: not a regular expression: '(': Unclosed group"),
                Arguments.of("replication job without dest", """
                        zfs:
                          - job: {src: {volume: a}}
                        """, "rdump.yaml:2:5 zfs[0].job: missing required key 'dest' (a mapping: where they are"
                        + " replicated to)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void badConfigGivesPositionAndWhatIsExpected(String what, String yaml, String expected) {
        List<String> problems = problems(yaml);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(expected));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(() -> parse("""
                tools:
                  copies: {type: copy}
                simple:
                  - {name: boot, mount: /boot, actions: [rsure, nope]}
                  - {name: 'bad name', mount: /x, actions: [rsure]}
                """), ConfigException.class);
        assertThat(e.problems()).hasSize(3);
        assertThat(e.getMessage()).startsWith("invalid configuration (3 problems):\n  rdump.yaml:2:3 tools.copies:"
                + " missing required key 'dest'");
    }
}
