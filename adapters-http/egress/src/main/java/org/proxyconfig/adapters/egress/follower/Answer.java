package org.proxyconfig.adapters.egress.follower;

import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoutes;

/** What one poll of {@code /effective} came to, before it is compared with what the follower holds. */
sealed interface Answer {

    /** A 200 whose ETag and body were both good: the configuration and the routes in force at the server. */
    record Configuration(long revision, ProxyConfig config, ProxyRoutes routes) implements Answer {
    }

    /** A 304: the revision the follower sent in {@code If-None-Match} is still in force. */
    record NotModified() implements Answer {
    }

    /** No usable answer: the server was not reached, refused, or answered something that cannot be taken. */
    record Failed(String reason) implements Answer {
    }
}
