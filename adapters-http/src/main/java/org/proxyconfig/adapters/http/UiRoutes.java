package org.proxyconfig.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The operator settings page: {@code /ui/} (and {@code /} through {@link #root}) and its few
 * files, read once from the classpath folder {@code web/}. Only the files named in {@link #FILES}
 * exist, so no request path ever reaches the file system or another classpath resource. The page
 * uses only the public {@code /api/*} routes, so it needs no credentials itself; every response
 * carries a strict Content-Security-Policy: the page holds no inline script or style.
 */
public final class UiRoutes implements HttpService {

    public static final String PATH = "/ui";

    private static final String JAVASCRIPT = "text/javascript; charset=utf-8";

    /** The allow-list: file name to media type. Nothing else is served. */
    static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("index.html", "text/html; charset=utf-8"),
            Map.entry("app.css", "text/css; charset=utf-8"),
            Map.entry("app.js", JAVASCRIPT),
            Map.entry("api.js", JAVASCRIPT),
            Map.entry("form.js", JAVASCRIPT),
            Map.entry("password-state.js", JAVASCRIPT),
            Map.entry("proxy-list.js", JAVASCRIPT),
            Map.entry("dryrun.js", JAVASCRIPT),
            Map.entry("history.js", JAVASCRIPT),
            Map.entry("routes.js", JAVASCRIPT),
            Map.entry("route-row.js", JAVASCRIPT),
            Map.entry("traffic.js", JAVASCRIPT),
            Map.entry("favicon.svg", "image/svg+xml"));

    /**
     * Scripts, styles, images and API calls from this origin only; no plugins, no framing, no
     * {@code <base>}, and no form submission at all: every form is handled by script, so a page
     * whose script failed cannot send a password in a URL.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private static final Map<String, byte[]> CONTENT = load();

    @Override
    public void routing(HttpRules rules) {
        // HEAD too: monitors and `curl -I` check that the page is there.
        rules.route(Method.predicate(Method.GET, Method.HEAD), PathMatchers.exact("/"), UiRoutes::root)
                .route(Method.predicate(Method.GET, Method.HEAD), PathMatchers.create("/{file}"), UiRoutes::file)
                .route(Responses.otherMethodsRefused(PathMatchers.any(), Method.GET, Method.HEAD));
    }

    /** {@code GET /} of the server: the page itself, so an operator only needs the host name. */
    public static void root(ServerRequest req, ServerResponse res) {
        send(req, res, "index.html");
    }

    private static void file(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("file");
        if (!FILES.containsKey(name)) throw HttpProblem.notFound(req.path().absolute().path());
        send(req, res, name);
    }

    private static void send(ServerRequest req, ServerResponse res, String name) {
        byte[] content = CONTENT.get(name);
        res.header(HeaderNames.CONTENT_TYPE, FILES.get(name))
                // Revalidate every time: an operator must never run an old page against a new API.
                .header(HeaderNames.CACHE_CONTROL, "no-cache")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("Cross-Origin-Opener-Policy", "same-origin");
        if (req.prologue().method().equals(Method.HEAD)) {
            // The GET's head without its body (RFC 9110 §9.3.2): any byte after it would be read
            // as the start of the next response on the connection.
            res.header(HeaderNames.CONTENT_LENGTH, String.valueOf(content.length)).send();
        } else {
            res.send(content);
        }
    }

    /** Every file at class load: a jar missing one fails at start, not when an operator opens the page. */
    private static Map<String, byte[]> load() {
        var content = new java.util.HashMap<String, byte[]>();
        for (String name : FILES.keySet()) {
            try (InputStream in = UiRoutes.class.getResourceAsStream("/web/" + name)) {
                if (in == null) throw new IllegalStateException("the settings page file web/" + name + " is missing from the jar");
                content.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read web/" + name, e);
            }
        }
        return Map.copyOf(content);
    }
}
