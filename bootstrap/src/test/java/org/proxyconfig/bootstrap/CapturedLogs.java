package org.proxyconfig.bootstrap;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every record that reaches the root logger while open — name, message, parameters and the whole
 * cause chain — as text, for tests that prove a secret is in no log line.
 */
final class CapturedLogs extends Handler implements AutoCloseable {

    private final StringBuilder text = new StringBuilder();
    private int belowInfo;

    CapturedLogs() {
        Logger.getLogger("").addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord r) {
        if (r.getLevel().intValue() < Level.INFO.intValue()) belowInfo++;
        text.append(r.getLoggerName()).append(' ').append(r.getMessage()).append('\n');
        if (r.getParameters() != null) for (Object p : r.getParameters()) text.append(p).append('\n');
        for (Throwable t = r.getThrown(); t != null; t = t.getCause()) text.append(t).append('\n');
    }

    synchronized String text() {
        return text.toString();
    }

    /** How many debug records came in: proof that the capture would have seen a debug line. */
    synchronized int belowInfo() {
        return belowInfo;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
