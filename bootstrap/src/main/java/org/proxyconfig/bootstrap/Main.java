package org.proxyconfig.bootstrap;

import io.helidon.logging.common.LogConfig;
import java.time.Clock;
import java.time.Instant;

/** Starts proxy-config from the environment; SIGTERM or Ctrl-C stops it cleanly. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        ProxyConfigServer server;
        try {
            server = ProxyConfigServer.start(Settings.load(System.getenv()), Clock.systemUTC());
        } catch (RuntimeException e) {
            // A startup refusal (bad setting, wrong key, unreachable database) is one clear line.
            System.err.println("proxy-config failed to start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            // JUL's own shutdown hook may already have closed its handlers, so the last word goes
            // straight to stderr: an operator must see that the stop was clean.
            System.err.println(Instant.now() + " INFO proxy-config stopped cleanly");
        }, "proxy-config-shutdown"));
    }
}
