package org.proxyconfig.adapters.egress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real proxies and the test targets for one test class, with the test certificate they share
 * and a temporary directory for the proxies' files and logs. Registered as a static
 * {@code @RegisterExtension}, it starts before the class's own {@code @BeforeAll} methods (so they
 * may already point clients at the proxies) and stops after its {@code @AfterAll} methods (so the
 * clients are closed before the proxies they use), then deletes the directory.
 */
public final class RealProxyFixture implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private TestPki pki;
    private TestTargets targets;
    private RealProxies proxies;

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            // Named after the test class, so that a left-over directory tells whose it was.
            dir = Files.createTempDirectory("proxy-config-" + context.getRequiredTestClass().getSimpleName() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pki = TestPki.get();
        targets = new TestTargets(pki);
        proxies = new RealProxies(dir, pki);
    }

    /** Runs even when {@link #beforeAll} failed half-way: it stops whatever did start. */
    @Override
    public void afterAll(ExtensionContext context) {
        if (proxies != null) proxies.close();
        if (targets != null) targets.close();
        if (dir != null) TestPki.deleteTree(dir);
    }

    /** The temporary directory, for whatever else the test class keeps on disk; deleted after the class. */
    public Path dir() {
        return dir;
    }

    public TestPki pki() {
        return pki;
    }

    public TestTargets targets() {
        return targets;
    }

    public RealProxies proxies() {
        return proxies;
    }
}
