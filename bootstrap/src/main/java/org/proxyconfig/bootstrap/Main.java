package org.proxyconfig.bootstrap;

import io.helidon.logging.common.LogConfig;
import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import org.proxyconfig.domain.Secret;

/** Starts proxy-config from the environment; SIGTERM or Ctrl-C stops it cleanly. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        List<Secret> secrets = List.of();
        ProxyConfigServer server;
        LogFormat format;
        try {
            Settings settings = Settings.load(System.getenv());
            format = settings.logFormat();
            format.apply();
            secrets = settings.secrets();
            server = ProxyConfigServer.start(settings, Clock.systemUTC());
        } catch (RuntimeException | Error e) {
            // Straight to stderr: the logger may not be set up, and this is the last thing the process says.
            System.err.print(StartupFailure.describe(e, secrets));
            System.err.flush();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            // JUL's own shutdown hook may already have closed its handlers, so the last word goes
            // straight to stderr: an operator must see that the stop was clean.
            System.err.print(format.line(Level.INFO, Main.class.getName(), "proxy-config stopped cleanly"));
        }, "proxy-config-shutdown"));
    }
}
