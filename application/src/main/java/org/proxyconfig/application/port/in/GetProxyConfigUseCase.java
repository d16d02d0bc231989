package org.proxyconfig.application.port.in;

/**
 * Read the configuration in force with its per-target routes: the answer of both
 * {@code GET /api/proxy-config} and {@code GET /api/proxy-config/routes}, one revision, one ETag.
 */
public interface GetProxyConfigUseCase {

    /** The current configuration and routes, or the defaults and no routes at revision 0 when nothing was stored. */
    CurrentProxyConfig current();
}
