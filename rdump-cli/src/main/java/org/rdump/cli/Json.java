package org.rdump.cli;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one JSON mapper of the command line. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
