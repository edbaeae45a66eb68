package org.rdump.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RestorePathsTest {
    @Test
    void pathsAreNormalized() {
        assertThat(RestorePaths.check("./etc//host.conf/")).isEqualTo("etc/host.conf");
        assertThat(RestorePaths.check("a/./b")).isEqualTo("a/b");
    }

    @Test
    void dotDotIsRefused() {
        assertThatThrownBy(() -> RestorePaths.check("etc/../../x")).hasMessage("restore path 'etc/../../x' contains"
                + " '..'; give a path inside the volume, relative to its root");
    }

    @Test
    void anAbsolutePathIsRefusedWithTheRelativeOne() {
        assertThatThrownBy(() -> RestorePaths.check("/etc/x")).hasMessage("restore path '/etc/x' is absolute; give"
                + " it relative to the volume's root, e.g. 'etc/x'");
    }

    @Test
    void anEmptyPathIsRefused() {
        assertThatThrownBy(() -> RestorePaths.check("./")).hasMessage("restore path './' names no file; leave out"
                + " --path to restore the whole volume");
    }
}
