package org.proxyconfig.adapters.http.egress;

import java.net.Socket;
import java.net.SocketException;
import org.proxyconfig.domain.EgressFailure;

/** The time left for connect plus handshake; each blocking step gets only what remains. */
final class Deadline {

    private final long endNanos;
    private final int seconds;

    private Deadline(int seconds) {
        this.seconds = seconds;
        this.endNanos = System.nanoTime() + seconds * 1_000_000_000L;
    }

    static Deadline inSeconds(int seconds) {
        return new Deadline(seconds);
    }

    int seconds() {
        return seconds;
    }

    /** Milliseconds left, at least 1; throws when none are. */
    int remainingMillis(String doing, boolean viaProxy) throws EgressException {
        long left = (endNanos - System.nanoTime()) / 1_000_000L;
        if (left <= 0) throw timeout(doing, viaProxy);
        return (int) Math.min(left, Integer.MAX_VALUE);
    }

    /** Bounds the next reads on {@code socket} by the time left. */
    void apply(Socket socket, String doing, boolean viaProxy) throws EgressException {
        try {
            socket.setSoTimeout(remainingMillis(doing, viaProxy));
        } catch (SocketException e) {
            throw new EgressException(EgressFailure.CONNECT_FAILED, viaProxy,
                    doing + ": the connection was closed", e);
        }
    }

    EgressException timeout(String doing, boolean viaProxy) {
        return new EgressException(EgressFailure.TIMEOUT, viaProxy,
                doing + ": no answer within the " + seconds + " s timeout");
    }
}
