package io.campaignpulse.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every log line of the running application (message and stack trace) while each test runs, for asserting what
 * was or was not logged. A JUnit extension: after each test it fails the test if a line shows one of the secrets
 * it was made with.
 *
 * <pre>
 * &#64;RegisterExtension
 * final CapturedLogs logs = CapturedLogs.showingNoneOf(FakeOptimizely.API_PASSWORD, "test-secret");
 * </pre>
 */
public final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {

    private final List<String> secrets;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(line(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLogs(List<String> secrets) {
        this.secrets = secrets;
        handler.setLevel(Level.ALL);
    }

    /** Captures the log of each test, which fails if a line shows one of {@code secrets}. */
    public static CapturedLogs showingNoneOf(String... secrets) {
        return new CapturedLogs(List.of(secrets));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        lines.clear();
        Logger.getLogger("").addHandler(handler);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Logger.getLogger("").removeHandler(handler);
        assertNoneContain(secrets.toArray(String[]::new));
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public boolean contains(String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
    }

    /** Fails naming the first line that shows one of the values. */
    public void assertNoneContain(String... values) {
        for (String line : lines) {
            for (String value : values) {
                if (line.contains(value)) {
                    throw new AssertionError("a log line shows a secret: " + line);
                }
            }
        }
    }

    private static String line(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        StringBuilder line = new StringBuilder(record.getLevel() + " " + record.getLoggerName() + ": " + message);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        return line.toString();
    }
}
