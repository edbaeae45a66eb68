package org.rdump.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.rdump.api.command.Secrets;

/**
 * rdump logs through SLF4J; the command line binds it to java.util.logging (slf4j-jdk14, the
 * smallest backend, with no configuration file), set up here to print one line per record on
 * stderr: warnings and errors by default, info with {@code -v}, debug with {@code -vv}.
 */
final class Logging {
    private Logging() {
    }

    /** One line per record, with every configured secret masked, whatever the record's text holds. */
    static final class RedactingFormatter extends SimpleFormatter {
        @Override
        public String format(LogRecord record) {
            return Secrets.redact(super.format(record));
        }
    }

    static void setUp(int verbosity) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "rdump: %4$s: %5$s%6$s%n");
        Level level = switch (Math.min(verbosity, 2)) {
            case 0 -> Level.WARNING;
            case 1 -> Level.INFO;
            default -> Level.FINE;
        };
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler h = new ConsoleHandler();
        h.setFormatter(new RedactingFormatter());
        h.setLevel(level);
        root.addHandler(h);
        root.setLevel(level);
    }
}
