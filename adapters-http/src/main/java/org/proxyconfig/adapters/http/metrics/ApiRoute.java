package org.proxyconfig.adapters.http.metrics;

import java.util.List;

/**
 * The route a request path belongs to, as a label: the API's route templates, so that a label
 * never holds a revision number, a file name or whatever a client made up (those are "other").
 */
final class ApiRoute {

    static final String OTHER = "other";

    /** Exact paths, then {@code prefix + "/{…}"} templates; the order matters only among prefixes. */
    static final List<String> EXACT = List.of("/", "/health", "/openapi", "/metrics", "/api/whoami", "/api/proxy-config",
            "/api/proxy-config/schema", "/api/proxy-config/history", "/api/proxy-config/effective",
            "/api/proxy-config/test", "/api/proxy-config/routes", "/api/traffic");
    private static final String RESTORE_PREFIX = "/api/proxy-config/history/";
    private static final String RESTORE_SUFFIX = "/restore";
    static final String RESTORE = RESTORE_PREFIX + "{revision}" + RESTORE_SUFFIX;
    static final String UI = "/ui/{file}";

    private ApiRoute() {
    }

    /** Every label this can return. */
    static List<String> all() {
        return java.util.stream.Stream.concat(EXACT.stream(), java.util.stream.Stream.of(RESTORE, UI, OTHER)).toList();
    }

    static String of(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (EXACT.contains(trimmed)) return trimmed;
        if (trimmed.startsWith(RESTORE_PREFIX) && trimmed.endsWith(RESTORE_SUFFIX)) return RESTORE;
        if (trimmed.equals("/ui") || trimmed.startsWith("/ui/")) return UI;
        return OTHER;
    }
}
