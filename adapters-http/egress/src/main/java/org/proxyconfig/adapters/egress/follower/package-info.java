/**
 * The follower: keeps a JVM service's routing current with a proxy-config server, over the JDK's
 * {@code HttpClient} and the shared wire format (JSON-P), without Helidon or Jetty.
 *
 * <p>{@link org.proxyconfig.adapters.egress.follower.ConfigFollower} is the one entry point: it
 * long-polls {@code GET /api/proxy-config/effective} and is the {@code Supplier<ProxyRouter>} that
 * {@code OutboundClients} and the {@code ProxyBridges} take. Inside, each class has one job:
 * {@code EffectiveClient} makes the HTTP exchange, {@code EffectiveAnswers} reads an answer by the
 * server's contract, {@code PollLoop} decides what to keep and when to ask again ({@code Backoff}),
 * {@code CurrentConfig} holds the router and the {@link org.proxyconfig.adapters.egress.follower.FollowerState},
 * and {@code LastGoodCache} keeps the last good configuration in a file ({@code CacheFile}) sealed
 * with the token ({@code CacheSeal}).
 */
package org.proxyconfig.adapters.egress.follower;
