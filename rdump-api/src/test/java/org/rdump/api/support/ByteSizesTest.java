package org.rdump.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteSizesTest {
    @Test
    void bytesBelowOneKibAreExactAboveOneDecimalInBinaryUnits() {
        assertThat(ByteSizes.human(0)).isEqualTo("0 B");
        assertThat(ByteSizes.human(1023)).isEqualTo("1023 B");
        assertThat(ByteSizes.human(1536)).isEqualTo("1.5 KiB");
        assertThat(ByteSizes.human(4L << 20)).isEqualTo("4.0 MiB");
        assertThat(ByteSizes.human(3L << 40)).isEqualTo("3.0 TiB");
        assertThat(ByteSizes.human(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
    }
}
