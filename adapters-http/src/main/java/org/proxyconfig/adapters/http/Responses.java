package org.proxyconfig.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Small helpers shared by the routes. */
final class Responses {

    private Responses() {
    }

    static void json(ServerResponse res, int status, String json) {
        json(res, status, json.getBytes(StandardCharsets.UTF_8));
    }

    static void json(ServerResponse res, int status, byte[] json) {
        res.status(Status.create(status))
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .send(json);
    }

    /** {@link #otherMethodsRefused(PathMatcher, Method...)} on the one path {@code exactPath}. */
    static HttpRoute otherMethodsRefused(String exactPath, Method... served) {
        return otherMethodsRefused(PathMatchers.exact(exactPath), served);
    }

    /**
     * The route answering 405, with an {@code Allow} header naming {@code served}, to every other
     * method on {@code path}. Registered after the path's own routes, it tells a client that the
     * path exists but not for its method, where the catch-all would answer 404.
     */
    static HttpRoute otherMethodsRefused(PathMatcher path, Method... served) {
        List<Method> allowed = List.of(served);
        String allowHeader = allowed.stream().map(Method::text).collect(Collectors.joining(", "));
        return HttpRoute.builder()
                .methods(method -> !allowed.contains(method))
                .path(path)
                .handler(methodNotAllowed(allowHeader))
                .build();
    }

    private static Handler methodNotAllowed(String allowed) {
        return (req, res) -> {
            throw HttpProblem.methodNotAllowed(req.prologue().method().text(), allowed);
        };
    }
}
