package org.proxyconfig.adapters.egress;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.io.RetainableByteBuffer;
import org.junit.jupiter.api.Test;
import org.proxyconfig.domain.ProxyConfig;

class RouteClientFactoryTest {

    /**
     * Decision 0014: Jetty's HTTP/1.1 client can release a network buffer twice when a proxy closes
     * a kept-alive connection under it. A pool would hand that buffer to another connection while it
     * is still being parsed (LiveChangeUnderLoadTest caught it as "Bad Response" through tinyproxy);
     * so a buffer given back must never be handed out again.
     */
    @Test
    void aReleasedBufferIsNeverHandedToAnotherConnection() {
        try (RouteClientFactory factory = new RouteClientFactory(EgressOptions.defaults())) {
            RoutePool pool = factory.start(RouteProfile.direct(ProxyConfig.DEFAULTS));
            var buffers = pool.client().getByteBufferPool();
            RetainableByteBuffer first = buffers.acquire(16_384, false);
            var firstBytes = first.getByteBuffer();
            first.release();
            RetainableByteBuffer second = buffers.acquire(16_384, false);

            assertThat(second.getByteBuffer()).isNotSameAs(firstBytes);
            assertThat(pool.client().isUseInputDirectByteBuffers()).as("unpooled buffers are heap buffers").isFalse();
            second.release();
            pool.retire();
        }
    }
}
