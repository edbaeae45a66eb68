package org.rdump.integrity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class MessagesTest {
    @Test
    void aCauseWithoutMessageIsNamedByItsClass() {
        assertThat(Messages.describe(new EOFException())).isEqualTo("java.io.EOFException");
        assertThat(Messages.describe(new IOException(" "))).isEqualTo("java.io.IOException");
        assertThat(Messages.describe(new UncheckedIOException(new EOFException()))).isEqualTo("java.io.EOFException");
    }

    @Test
    void aFileSystemExceptionKeepsItsClassAndFile() {
        assertThat(Messages.describe(new NoSuchFileException("/x"))).isEqualTo("java.nio.file.NoSuchFileException: /x");
        assertThat(Messages.describe(new IOException("No space left on device"))).isEqualTo("No space left on device");
    }
}
