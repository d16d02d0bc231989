package archfixture.adapters.wire;

/** Breaks "the wire format sees only the domain, JSON-P and the JDK": the follower reading it would pull in Helidon. */
public class WireUsingHelidon {
    io.helidon.http.Status status = io.helidon.http.Status.OK_200;
}
