package org.proxyconfig.adapters.http;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.proxyconfig.application.port.in.CurrentProxyConfig;

/**
 * The JSON body of the last revision served, serialized once: a revision never changes, and a
 * thousand watchers woken by one change would otherwise serialize it a thousand times.
 */
final class RenderedBodies {

    private record Rendered(CurrentProxyConfig current, byte[] json) {
    }

    private final Function<CurrentProxyConfig, String> writer;
    private volatile Rendered last;

    /** @param writer renders what the route shows of a revision: its main configuration or its routes */
    RenderedBodies(Function<CurrentProxyConfig, String> writer) {
        this.writer = writer;
    }

    byte[] of(CurrentProxyConfig current) {
        Rendered rendered = last;
        if (rendered == null || rendered.current() != current) {
            rendered = new Rendered(current, writer.apply(current).getBytes(StandardCharsets.UTF_8));
            last = rendered;
        }
        return rendered.json();
    }
}
