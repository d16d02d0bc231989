package org.proxyconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyConfigDraftTest {

    private static final String PASSWORD = "hunter2-Sup3rS3cret";
    private static final ProxyConfig STORED = TestConfigs.with(
            c -> c.url("http://proxy.corp:3128").username("alice").password(PASSWORD)).build();

    @Test
    void keepsTheStoredPasswordForRedactedPlaceholder() {
        ProxyConfigDraft draft = TestConfigs.with(c -> c.username("alice").password(Secret.REDACTED).timeout(60)).draft();

        ProxyConfig resolved = draft.resolveAgainst(STORED);

        assertThat(resolved.password().reveal()).isEqualTo(PASSWORD);
        assertThat(resolved.timeoutSeconds()).isEqualTo(60);
    }

    @Test
    void keepsTheStoredPasswordWhenOnlyThePortChanges() {
        ProxyConfigDraft draft = TestConfigs.with(
                c -> c.url("http://proxy.corp:8080").username("alice").password(Secret.REDACTED)).draft();

        assertThat(draft.resolveAgainst(STORED).password().reveal()).isEqualTo(PASSWORD);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "HTTP,   http://other.corp:3128",
            "HTTP,   http://proxy.corp.evil.io:3128",
            "HTTP,   http://10.0.0.9:3128",
            "SOCKS5, socks5://proxy.corp:3128",
            "TCP,    tcp://proxy.corp:3128",
    })
    void refusesToKeepTheStoredPasswordForAnotherProxy(ProxyType type, String url) {
        ProxyConfigDraft draft = TestConfigs.with(c -> c.type(type).url(url).username("alice").password(Secret.REDACTED)).draft();

        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class, () -> draft.resolveAgainst(STORED));

        assertThat(e).as("refused").isNotNull();
        assertThat(e.field()).isEqualTo("password");
        assertThat(e.getMessage()).startsWith("password: ").contains("enter the password again").doesNotContain(PASSWORD);
    }

    @Test
    void acceptsANewPasswordForAnotherProxy() {
        ProxyConfigDraft draft = TestConfigs.with(
                c -> c.url("http://other.corp:3128").username("alice").password("new-secret")).draft();

        assertThat(draft.resolveAgainst(STORED).password().reveal()).isEqualTo("new-secret");
    }

    @Test
    void clearsThePasswordWhenItIsOmitted() {
        ProxyConfigDraft draft = TestConfigs.with(c -> c.username("alice").password("")).draft();

        assertThat(draft.resolveAgainst(STORED).password().isSet()).isFalse();
    }

    @Test
    void keepsNothingWhenNothingIsStored() {
        ProxyConfigDraft draft = TestConfigs.with(c -> c.url("http://other.corp:3128").password(Secret.REDACTED)).draft();

        assertThat(draft.resolveAgainst(ProxyConfig.DEFAULTS).password().isSet()).isFalse();
    }

    @Test
    void refusesAnUnknownType() {
        ProxyConfigDraft draft = ProxyConfigDraft.defaults().with(ConfigField.ENABLED, true)
                .with(ConfigField.TYPE, "ftp").with(ConfigField.URL, "http://p:1");

        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class, () -> draft.resolveAgainst(STORED));

        assertThat(e.field()).isEqualTo("type");
        assertThat(e.code()).isEqualTo("invalid_proxy_type");
    }

    @Test
    void reportsAnOutOfRangeTimeoutBeyondInt() {
        ProxyConfigDraft draft = ProxyConfigDraft.defaults().with(ConfigField.TIMEOUT, 10_000_000_000L);

        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class, () -> draft.resolveAgainst(STORED));

        assertThat(e.field()).isEqualTo("timeout");
    }

    @Test
    void roundTripsAConfigurationThroughItsDraft() {
        assertThat(ProxyConfigDraft.of(STORED).resolveAgainst(ProxyConfig.DEFAULTS)).isEqualTo(STORED);
        assertThat(ProxyConfigDraft.defaults().resolveAgainst(STORED)).isEqualTo(ProxyConfig.DEFAULTS);
    }

    @Test
    void neverShowsThePasswordInToString() {
        assertThat(Secret.of(PASSWORD).toString()).isEqualTo(Secret.REDACTED);
        assertThat(Secret.NONE.toString()).isEmpty();
        assertThat(STORED.toString()).doesNotContain(PASSWORD).contains(Secret.REDACTED);
        assertThat(ProxyConfigDraft.of(STORED).toString()).doesNotContain(PASSWORD).contains(Secret.REDACTED);
    }

    @Test
    void refusesAValueOfTheWrongKindBeforeAnyRule() {
        assertThatThrownBy(() -> ProxyConfigDraft.defaults().with(ConfigField.TIMEOUT, "30"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> ProxyConfigDraft.defaults().with(ConfigField.ENABLED, "true"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enabled");
    }

    @Test
    void changesOneFieldAndLeavesTheOthers() {
        ProxyConfigDraft draft = ProxyConfigDraft.of(STORED).with(ConfigField.URL, "http://other.corp:3128");

        assertThat(draft.get(ConfigField.URL)).isEqualTo("http://other.corp:3128");
        assertThat(ProxyConfigDraft.of(STORED).get(ConfigField.URL)).as("the original is unchanged").isEqualTo(STORED.url());
        for (ConfigField field : ConfigField.values()) {
            if (field != ConfigField.URL) assertThat(draft.get(field)).as(field.wireName()).isEqualTo(field.valueIn(STORED));
        }
    }

    @Test
    void comparesSecretsByValue() {
        assertThat(Secret.of(PASSWORD)).isEqualTo(Secret.of(PASSWORD)).isNotEqualTo(Secret.of("other"));
        assertThat(Secret.of("")).isSameAs(Secret.NONE);
    }
}
