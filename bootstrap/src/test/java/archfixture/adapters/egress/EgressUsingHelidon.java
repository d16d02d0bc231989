package archfixture.adapters.egress;

/** Breaks "the egress adapter sees only the domain, the wire format, JSON-P, Jetty and the JDK": a gateway embedding it would pull in Helidon. */
public class EgressUsingHelidon {
    io.helidon.http.Status status = io.helidon.http.Status.OK_200;
}
