package org.proxyconfig.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.proxyconfig.adapters.http.declaration.DeclarationSource;
import org.proxyconfig.adapters.persistence.DatabaseUnavailableException;
import org.proxyconfig.domain.Secret;

/** What an operator reads when the start fails: enough to act on, and never a secret. */
class StartupFailureTest {

    private static final Secret DB_PASSWORD = Secret.of("db-Pass-9f3e1");
    private static final Secret ADMIN_TOKEN = Secret.of("admin-token-77c0a");

    @Test
    void aRefusalIsItsClassItsMessageAndItsCausesWithoutAStackTrace() {
        var refusal = new DatabaseUnavailableException("cannot open the database postgresql://db.example:5432/pc",
                new ConnectException("Connection refused"));

        String report = StartupFailure.describe(refusal, List.of());

        assertThat(report).isEqualTo("""
                proxy-config failed to start: org.proxyconfig.adapters.persistence.DatabaseUnavailableException: \
                cannot open the database postgresql://db.example:5432/pc
                  caused by: java.net.ConnectException: Connection refused
                """);
    }

    @Test
    void aSettingThatCannotBeUsedIsARefusal() {
        String report = StartupFailure.describe(new InvalidSettingException("PROXY_CONFIG_PORT: 'x' is not a port"), List.of());

        assertThat(report).startsWith("proxy-config failed to start: org.proxyconfig.bootstrap.InvalidSettingException:"
                + " PROXY_CONFIG_PORT: 'x' is not a port").doesNotContain("\tat ");
    }

    @Test
    void anUnexpectedFailureWithoutAMessageIsNamedAndGetsItsStackTrace() {
        String report = StartupFailure.describe(new NullPointerException(), List.of());

        assertThat(report).startsWith("proxy-config failed to start (unexpectedly): java.lang.NullPointerException: (no message)\n")
                .contains("\tat org.proxyconfig.bootstrap.StartupFailureTest.")
                .doesNotContain(": null");
    }

    @Test
    void anUnexpectedFailureListsItsWholeCauseChainBeforeTheStackTrace() {
        var failure = new IllegalStateException("the web server did not start",
                new UncheckedIOException("binding 0.0.0.0:8080", new IOException("Address already in use")));

        String report = StartupFailure.describe(failure, List.of());

        assertThat(report).startsWith("""
                proxy-config failed to start (unexpectedly): java.lang.IllegalStateException: the web server did not start
                  caused by: java.io.UncheckedIOException: binding 0.0.0.0:8080
                  caused by: java.io.IOException: Address already in use
                java.lang.IllegalStateException: the web server did not start
                """).contains("Caused by: java.io.IOException: Address already in use");
    }

    @Test
    void aConfiguredSecretIsRedactedWhereverItShowsUpEvenInAStackTrace() {
        var failure = new IllegalStateException("login as admin with " + ADMIN_TOKEN.reveal(),
                new RuntimeException("password " + DB_PASSWORD.reveal() + " refused"));

        String report = StartupFailure.describe(failure, List.of(DB_PASSWORD, ADMIN_TOKEN, Secret.NONE));

        assertThat(report).doesNotContain(DB_PASSWORD.reveal()).doesNotContain(ADMIN_TOKEN.reveal())
                .contains("login as admin with <redacted>").contains("password <redacted> refused")
                .contains("\tat ");
    }

    @Test
    void everySecretOfTheSettingsIsGuarded() {
        var api = new Settings.ApiSettings(Secret.of("t1"), Secret.of("t2"), "admin", Secret.of("p1"), "viewer",
                Secret.of("p2"), Secret.of("e1"), List.of(), false, false);
        var settings = new Settings("127.0.0.1", 0, Path.of("data"), Optional.empty(), "", Secret.of("db"), Secret.of("key"),
                api, Duration.ofMillis(500), DeclarationSource.NONE, Optional.empty(), LogFormat.TEXT);

        assertThat(settings.secrets()).extracting(Secret::reveal).containsExactlyInAnyOrder("db", "key", "t1", "t2", "p1", "p2", "e1");
    }
}
