package org.proxyconfig.application;

/**
 * A conditional change named a revision that is no longer current: someone else saved first.
 * Nothing was changed; the client should read again and retry.
 */
public final class StaleRevisionException extends RuntimeException {

    private final long expected;
    private final long current;

    public StaleRevisionException(long expected, long current) {
        super("the configuration changed since revision " + expected + " (now " + current
                + "); read it again and retry", null, false, false);
        this.expected = expected;
        this.current = current;
    }

    public long expected() {
        return expected;
    }

    public long current() {
        return current;
    }
}
