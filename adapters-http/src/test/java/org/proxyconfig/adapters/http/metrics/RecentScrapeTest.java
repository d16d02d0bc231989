package org.proxyconfig.adapters.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentScrapeTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger renders = new AtomicInteger();
    private final RecentScrape scrapes = new RecentScrape(() -> "render " + renders.incrementAndGet(), now::get,
            Duration.ofSeconds(1));

    private String text() {
        return new String(scrapes.text(), StandardCharsets.UTF_8);
    }

    @Test
    void scrapesWithinOneWindowShareOneRender() {
        assertThat(text()).isEqualTo("render 1");
        now.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(text()).isEqualTo("render 1");
        assertThat(renders).hasValue(1);
    }

    @Test
    void aScrapeAfterTheWindowRendersAgain() {
        assertThat(text()).isEqualTo("render 1");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(text()).isEqualTo("render 2");
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(text()).isEqualTo("render 2");
    }
}
