package org.proxyconfig.domain;

/**
 * Why an outbound request failed, in the kinds an operator can act on: the one vocabulary of the
 * outbound clients' {@code EgressException}, of a probe result and of the dry run's answer,
 * which writes a kind as its name in lower case ({@code proxy_auth_required}; docs/openapi.yaml,
 * {@code POST /api/proxy-config/test}). Renaming a constant changes the API.
 */
public enum EgressFailure {
    /** The proxy wants (other) credentials: a 407, or a 401 answering a CONNECT. */
    PROXY_AUTH_REQUIRED,
    /** The proxy refused the tunnel (a non-2xx CONNECT) or the SOCKS request (an error reply). */
    PROXY_REFUSED,
    /** The SOCKS proxy rejected the username/password, or offers no method we can use. */
    SOCKS_AUTH_REJECTED,
    /** The TLS handshake failed, to the proxy or to the target: an untrusted certificate, a name mismatch, a protocol error. */
    TLS_FAILURE,
    /** Connect plus proxy handshake exceeded the timeout, or the response did not come in time. */
    TIMEOUT,
    /** The proxy or the target refused or could not be reached. */
    CONNECT_FAILED,
    /** A host name did not resolve here. */
    UNKNOWN_HOST,
    /** The proxy or the target broke the protocol or closed the connection early. */
    UPSTREAM_ERROR,
    /**
     * The response is larger than the client's cap. Only a client that reads the body meets it; a
     * probe reads the status line and headers only, so a dry run never reports it.
     */
    RESPONSE_TOO_LARGE
}
