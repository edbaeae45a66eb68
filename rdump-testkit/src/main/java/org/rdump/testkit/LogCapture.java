package org.rdump.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures every SLF4J log line at every level while open, as formatted text (logger, level,
 * message with its arguments, and thrown exceptions), so a test can check that no log line holds
 * a secret. It reads the lines where the testkit's SLF4J backend puts them: rdump-testkit brings
 * {@code slf4j-jdk14}, which hands every record to {@code java.util.logging}, and this class adds
 * a handler there; close it to restore the previous levels.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger root = Logger.getLogger("");
    private final Level previous = root.getLevel();
    private final List<String> lines = new ArrayList<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            String text = r.getLoggerName() + " " + r.getLevel() + " " + formatter.formatMessage(r);
            if (r.getThrown() != null) {
                text += " " + r.getThrown();
            }
            synchronized (lines) {
                lines.add(text);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** Starts capturing. */
    public LogCapture() {
        handler.setLevel(Level.ALL);
        root.setLevel(Level.ALL);
        root.addHandler(handler);
    }

    /** The lines captured so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        root.setLevel(previous);
    }
}
