package org.rdump.api.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Only secrets are masked: registered values and variables whose name says they hold one. */
class SecretsTest {
    @Test
    void aCommandShowsPlainEnvironmentValuesAndMasksSecretOnes() {
        Secret passphrase = Secrets.register("correct horse battery");
        Command c = Command.of("borg", "create", "::a")
                .withEnv("BORG_PASSPHRASE", passphrase)
                .withEnv("BORG_RELOCATED_REPO_ACCESS_IS_OK", "no")
                .withEnv("BORG_REPO", "/srv/borg repo")
                .withEnv("RSYNC_PASSWORD", "hunter2-long")
                .withEnv("OTHER", Secrets.register("xyz"));

        assertThat(c.toString()).isEqualTo("BORG_PASSPHRASE=****** BORG_RELOCATED_REPO_ACCESS_IS_OK=no"
                + " BORG_REPO='/srv/borg repo' OTHER=****** RSYNC_PASSWORD=****** borg create ::a");
    }

    @Test
    void aShortSecretIsMaskedWhereItIsKnownToBeOneButNotInsideOtherText() {
        Secrets.register("q7z");
        assertThat(Secrets.isRegistered("q7z")).isTrue();
        assertThat(Secret.of("q7z").toString()).isEqualTo("******");
        assertThat(Secrets.redact("found q7z in a message")).isEqualTo("found q7z in a message");
        Secrets.register("long-enough");
        assertThat(Secrets.redact("found long-enough here")).isEqualTo("found ****** here");
    }

    @Test
    void namesThatSayTheyHoldASecret() {
        assertThat(List.of("BORG_PASSPHRASE", "BORG_PASSCOMMAND", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN",
                "RSYNC_PASSWORD", "borg_passphrase")).allMatch(Secrets::isSecretName);
        assertThat(List.of("BORG_RELOCATED_REPO_ACCESS_IS_OK", "BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK",
                "BORG_REPO", "BORG_BASE_DIR", "BORG_RSH", "PATH")).noneMatch(Secrets::isSecretName);
    }
}
