package org.proxyconfig.application.service;

import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The audit lines written while it is open: {@code try (AuditLines lines = AuditLines.capture()) { … }}. */
final class AuditLines implements AutoCloseable {

    private final StringBuilder lines = new StringBuilder();
    private final Logger audit = Logger.getLogger("org.proxyconfig.audit");
    private final Handler capture = new Handler() {
        @Override public void publish(LogRecord r) { synchronized (lines) { lines.append(r.getMessage()).append('\n'); } }
        @Override public void flush() { }
        @Override public void close() { }
    };

    private AuditLines() {
        audit.addHandler(capture);
    }

    static AuditLines capture() {
        return new AuditLines();
    }

    /** Every line so far, one a line. */
    String text() {
        synchronized (lines) {
            return lines.toString();
        }
    }

    @Override
    public void close() {
        audit.removeHandler(capture);
    }
}
