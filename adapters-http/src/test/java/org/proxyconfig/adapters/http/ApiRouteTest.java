package org.proxyconfig.adapters.http;

import io.helidon.http.ClientResponseHeaders;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the route tests share, as in Helidon's examples: the product's routing ({@link TestApi}),
 * set up once per class, and a client given by the subclass: a {@code DirectClient} under
 * {@code @RoutingTest} (in memory, through the real HTTP/1 connection code, no socket) or a
 * socket client under {@code @ServerTest}. Every test starts on a fresh store and fresh services.
 */
abstract class ApiRouteTest {

    static final TestApi API = new TestApi();
    static final HeaderName CONTENT_TYPE = HeaderNames.CONTENT_TYPE;
    static final HeaderName AUTHORIZATION = HeaderNames.AUTHORIZATION;

    private final Http1Client client;

    ApiRouteTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        API.routing(routing);
    }

    @BeforeEach
    void freshApi() {
        API.reset();
    }

    /** A response read whole: status, headers and the body as text. */
    record Reply(int statusCode, ClientResponseHeaders headers, String body) {

        Optional<String> header(String name) {
            return headers.first(HeaderNames.create(name));
        }

        List<String> all(String name) {
            return headers.all(HeaderNames.create(name), List::of);
        }
    }

    /** A GET as the admin. */
    Reply get(String path) {
        return send(request(Method.GET, path).header(AUTHORIZATION, TestApi.ADMIN_BEARER));
    }

    /** A PUT of JSON as the admin. */
    Reply put(String path, String json) {
        return send(request(Method.PUT, path).header(AUTHORIZATION, TestApi.ADMIN_BEARER)
                .header(CONTENT_TYPE, "application/json"), json);
    }

    /** A request for {@code path}, with its query if it has one, and no credentials yet. */
    Http1ClientRequest request(Method method, String path) {
        int q = path.indexOf('?');
        Http1ClientRequest request = client.method(method).path(q < 0 ? path : path.substring(0, q));
        if (q >= 0) {
            for (String pair : path.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                request.queryParam(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return request;
    }

    Reply send(Http1ClientRequest request) {
        try (Http1ClientResponse response = request.request()) {
            return read(response);
        }
    }

    Reply send(Http1ClientRequest request, String body) {
        try (Http1ClientResponse response = request.submit(body)) {
            return read(response);
        }
    }

    private static Reply read(Http1ClientResponse response) {
        String body = response.entity().hasEntity() ? response.as(String.class) : "";
        return new Reply(response.status().code(), response.headers(), body);
    }

    static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
