package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's config reference is what the plugins' schemas say (regenerate: bin/update-readme-reference). */
class ReadmeReferenceIT {

    @Test
    void theReadmesConfigReferenceMatchesTheSchemas(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        String start = "<!-- config-reference:start -->";
        String documented = readme.substring(readme.indexOf(start) + start.length(),
                readme.indexOf("<!-- config-reference:end -->")).strip();

        var r = CliProcess.run(dir, "config-reference");
        assertThat(r.exitCode()).isZero();
        // the test class path adds a test plugin; its section is not part of the README
        String generated = Pattern.compile("#### `test-marker:`.*?(?=####|\\z)", Pattern.DOTALL)
                .matcher(r.stdout()).replaceAll("").strip();

        assertThat(documented).as("README.md's config reference is stale: run bin/update-readme-reference")
                .isEqualTo(generated);
    }
}
