package org.proxyconfig.application.port.out;

import java.net.URI;
import org.proxyconfig.application.ProbeResult;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.Purpose;

/** Really requests a target the way outbound traffic would, under a given routing. */
public interface TargetProber {

    /**
     * Sends one GET to {@code target} for {@code purpose}, routed by {@code router} (direct or
     * through its proxy; never falling back to direct), and reports what happened. Never throws
     * for a network, proxy or TLS failure: that is an outcome.
     */
    ProbeResult probe(ProxyRouter router, Purpose purpose, URI target);
}
