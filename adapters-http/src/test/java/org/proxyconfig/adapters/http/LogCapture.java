package org.proxyconfig.adapters.http;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures every log record under {@code org.proxyconfig} while open (System.Logger goes to JUL). */
final class LogCapture extends Handler implements AutoCloseable {

    private final Logger root = Logger.getLogger("org.proxyconfig");
    private final List<LogRecord> records = new ArrayList<>();

    LogCapture() {
        root.setLevel(Level.ALL);
        root.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    /** Every message and thrown text, one per line. */
    synchronized String text() {
        StringBuilder sb = new StringBuilder();
        for (LogRecord r : records) {
            sb.append(r.getMessage()).append('\n');
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                sb.append(t).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
