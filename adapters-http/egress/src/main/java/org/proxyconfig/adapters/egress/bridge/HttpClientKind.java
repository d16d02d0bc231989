package org.proxyconfig.adapters.egress.bridge;

/**
 * The HTTP client a {@link RoutingProxySelector} answers, and what that client can do with a
 * {@link java.net.Proxy}: the selector must never hand a client a proxy it would silently ignore,
 * because every one of them then goes direct.
 */
public enum HttpClientKind {

    /** {@code java.net.http.HttpClient}: takes only {@code Proxy.Type.HTTP}; a SOCKS answer makes it go direct. */
    JDK_HTTP_CLIENT("the JDK HttpClient", false),
    /** {@code HttpURLConnection}: HTTP proxies, and SOCKS through {@code Socket}'s own SOCKS client. */
    URL_CONNECTION("HttpURLConnection", true),
    /** OkHttp: HTTP proxies, and SOCKS through {@code Socket}'s own SOCKS client. */
    OKHTTP("OkHttp", true);

    private final String displayName;
    private final boolean usesSocks;

    HttpClientKind(String displayName, boolean usesSocks) {
        this.displayName = displayName;
        this.usesSocks = usesSocks;
    }

    /** How a refusal names the client. */
    public String displayName() { return displayName; }

    /** Whether a {@code Proxy.Type.SOCKS} answer is really used, rather than dropped for a direct connection. */
    public boolean usesSocks() { return usesSocks; }
}
