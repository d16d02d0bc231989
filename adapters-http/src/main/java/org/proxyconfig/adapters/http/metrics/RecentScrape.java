package org.proxyconfig.adapters.http.metrics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The exposition text, rendered at most once per window and shared by every scrape inside it. A
 * render costs about a millisecond of CPU (423 series, and the JVM reading {@code /proc} for the
 * process meters), so many scrapers at once — several Prometheus replicas, a federation, a too-short
 * interval — would otherwise cost a core. A copy at most a second old is indistinguishable, to a
 * Prometheus that scrapes every 15 s or so, from a fresh one; it only delays what a scrape sees.
 */
public final class RecentScrape {

    /** Short next to any scrape interval; long enough that a scrape storm renders once a second. */
    public static final Duration WINDOW = Duration.ofSeconds(1);

    private record Rendered(byte[] text, long atNanos) {
    }

    private final Supplier<String> render;
    private final LongSupplier nanoTime;
    private final long windowNanos;
    private volatile Rendered last;

    public RecentScrape(Supplier<String> render) {
        this(render, System::nanoTime, WINDOW);
    }

    RecentScrape(Supplier<String> render, LongSupplier nanoTime, Duration window) {
        this.render = render;
        this.nanoTime = nanoTime;
        this.windowNanos = window.toNanos();
    }

    /** The text of this window: rendered now if the last one is older, else the last one. */
    public byte[] text() {
        Rendered current = last;
        if (current != null && nanoTime.getAsLong() - current.atNanos < windowNanos) return current.text;
        synchronized (this) {
            // Scrapers that queued here while another rendered take its text rather than render again.
            current = last;
            long now = nanoTime.getAsLong();
            if (current == null || now - current.atNanos >= windowNanos) {
                current = new Rendered(render.get().getBytes(StandardCharsets.UTF_8), now);
                last = current;
            }
            return current.text;
        }
    }
}
