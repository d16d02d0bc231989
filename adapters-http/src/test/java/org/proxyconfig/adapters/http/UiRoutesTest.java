package org.proxyconfig.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Method;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The settings page's files in memory, on the product's routing (at /ui and at /, behind the same
 * filter as the API): media types, caching and security headers, the allow-list (nothing else of
 * the classpath is reachable), and a page that needs no inline code, so its strict
 * Content-Security-Policy holds. Traversal, which needs paths no client would send, is in
 * {@link ApiSocketTest}.
 */
@RoutingTest
class UiRoutesTest extends ApiRouteTest {

    UiRoutesTest(DirectClient client) {
        super(client);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/ui/", "/ui/index.html"})
    void servesThePageWithoutCredentialsAtTheRootAndUnderUi(String path) {
        assertThat(getAnonymously(path, 200, "text/html; charset=utf-8").body()).contains("<title>").contains("/ui/app.js");
    }

    @Test
    void servesEveryAllowedFileWithItsMediaType() {
        UiRoutes.FILES.forEach((name, mediaType) ->
                assertThat(getAnonymously("/ui/" + name, 200, mediaType).body()).as(name).isNotBlank());
    }

    @Test
    void everyFileCarriesTheCachingAndSecurityHeaders() {
        for (String path : List.of("/", "/ui/", "/ui/app.js", "/ui/app.css", "/ui/favicon.svg")) {
            Reply response = getAnonymously(path);
            assertThat(response.header("Cache-Control")).as(path).hasValue("no-cache");
            assertThat(response.header("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(response.header("Referrer-Policy")).as(path).hasValue("no-referrer");
            assertThat(response.header("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(response.header("Content-Security-Policy")).as(path).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
                            "frame-ancestors 'none'", "object-src 'none'", "form-action 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ui/nope.js", "/ui/UiRoutes.class", "/ui/web/index.html", "/ui/META-INF/MANIFEST.MF",
            "/ui/index.html/", "/ui/app.js/x", "/favicon.ico"})
    void refusesAnyFileOutsideTheAllowList(String path) {
        assertThat(getAnonymously(path, 404, "application/json").body())
                .contains("\"is_bifrost_error\":false").contains("\"status_code\":404");
    }

    @Test
    void answersOtherMethodsWith405() {
        Reply response = send(request(Method.POST, "/ui/app.js"), "x");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.header("Allow")).hasValue("GET, HEAD");
    }

    // HEAD is answered on a socket (ApiSocketTest): an in-memory client reads the body a HEAD
    // answer's Content-Length announces, and none follows, as none may.

    @Test
    void thePageHoldsNoInlineScriptOrStyleSoTheStrictPolicyHolds() {
        String html = getAnonymously("/ui/").body();

        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)")
                .doesNotContainPattern("\\sstyle=")
                .doesNotContainPattern("<style")
                .doesNotContainPattern("\\son[a-z]+=")
                .doesNotContainPattern("(?i)(src|href)=\"(https?:)?//");
        for (String name : UiRoutes.FILES.keySet()) {
            if (name.endsWith(".js")) {
                assertThat(getAnonymously("/ui/" + name).body()).as(name)
                        .doesNotContain("eval(").doesNotContain("new Function").doesNotContain("innerHTML");
            }
        }
    }

    @Test
    void everyFileThePageLoadsIsInTheAllowList() {
        List<String> referenced = new ArrayList<>();
        Matcher links = Pattern.compile("(?:src|href)=\"/ui/([^\"]+)\"").matcher(getAnonymously("/ui/").body());
        while (links.find()) referenced.add(links.group(1));
        for (String name : UiRoutes.FILES.keySet()) {
            if (!name.endsWith(".js")) continue;
            Matcher imports = Pattern.compile("from '\\./([^']+)'").matcher(getAnonymously("/ui/" + name).body());
            while (imports.find()) referenced.add(imports.group(1));
        }

        assertThat(referenced).contains("app.js", "app.css", "favicon.svg", "api.js", "form.js", "traffic.js",
                "routes.js", "route-row.js", "password-state.js", "proxy-list.js");
        assertThat(UiRoutes.FILES.keySet()).containsAll(referenced);
    }

    /** A GET with no credentials, as the browser loads the page. */
    private Reply getAnonymously(String path) {
        return send(request(Method.GET, path));
    }

    /** GETs {@code path} without credentials and checks its status and media type; the reply, for the rest. */
    private Reply getAnonymously(String path, int status, String mediaType) {
        Reply response = getAnonymously(path);
        assertThat(response.statusCode()).as(path).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(path).hasValue(mediaType);
        return response;
    }
}
