package org.rdump.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ImageFilesTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @Test
    void checksumFileIsSha256sumFormatAndReadsBack() {
        String text = ImageFiles.format("efi-20261203T071726Z", new ImageFiles.Checksums(A, B));
        assertThat(text).isEqualTo(A + "  efi-20261203T071726Z.img.zst\n" + B + "  efi-20261203T071726Z.img\n");
        assertThat(ImageFiles.parse("efi-20261203T071726Z", text)).isEqualTo(new ImageFiles.Checksums(A, B));
    }

    @Test
    void aChecksumFileWithoutTheRawLineOrWithAnotherFileIsRefused() {
        assertThatThrownBy(() -> ImageFiles.parse("v-20261203T071726Z", A + "  v-20261203T071726Z.img.zst\n"))
                .hasMessage("expected the lines of v-20261203T071726Z.img.zst and v-20261203T071726Z.img");
        assertThatThrownBy(() -> ImageFiles.parse("v-20261203T071726Z", A + "  other.img.zst\n"))
                .hasMessageContaining("a line for another file");
        assertThatThrownBy(() -> ImageFiles.parse("v-20261203T071726Z", "nonsense\n"))
                .hasMessage("not a sha256sum line: 'nonsense'");
    }

    @Test
    void stampsAreReadOnlyFromThisVolumesChecksumFiles() {
        assertThat(ImageFiles.stampOf("efi", "efi-20261203T071726Z.img.zst.sha256")).contains("20261203T071726Z");
        assertThat(ImageFiles.stampOf("efi", "efi-20261203T071726Z.img.zst")).isEmpty();
        assertThat(ImageFiles.stampOf("efi", "efi-boot-20261203T071726Z.img.zst.sha256")).isEmpty();
        assertThat(ImageFiles.stampOf("efi", "efi-20261203T071726Z.img.zst.sha256.partial")).isEmpty();
        assertThat(ImageFiles.stampOf("ef", "efi-20261203T071726Z.img.zst.sha256")).isEmpty();
    }

    @Test
    void theUndoPatternCoversFinalAndPartialFilesOfOneImageOnly() {
        Pattern p = Pattern.compile(ImageFiles.filesOf("efi-20261203T071726Z"));
        assertThat(p.matcher("efi-20261203T071726Z.img.zst").matches()).isTrue();
        assertThat(p.matcher("efi-20261203T071726Z.img.zst.partial").matches()).isTrue();
        assertThat(p.matcher("efi-20261203T071726Z.img.zst.sha256").matches()).isTrue();
        assertThat(p.matcher("efi-20261203T071726Z.img.zst.sha256.partial").matches()).isTrue();
        assertThat(p.matcher("efi-20261203T071727Z.img.zst").matches()).isFalse();
        assertThat(ImageFiles.partial(Path.of("/d/x.img.zst"))).isEqualTo(Path.of("/d/x.img.zst.partial"));
    }
}
