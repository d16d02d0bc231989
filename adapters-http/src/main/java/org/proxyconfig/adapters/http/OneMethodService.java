package org.proxyconfig.adapters.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * A resource that serves one method on its own path: every other method is answered 405 with an
 * {@code Allow} header ({@link Responses#otherMethodsRefused}), where the catch-all would answer
 * 404. A subclass names its path and hands its method and handler to the constructor.
 */
abstract class OneMethodService implements HttpService {

    private final Method method;
    private final Handler handler;

    OneMethodService(Method method, Handler handler) {
        this.method = method;
        this.handler = handler;
    }

    @Override
    public final void routing(HttpRules rules) {
        rules.route(method, "/", handler)
                .route(Responses.otherMethodsRefused("/", method));
    }
}
