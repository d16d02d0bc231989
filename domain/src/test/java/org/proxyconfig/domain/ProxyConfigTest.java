package org.proxyconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProxyConfigTest {

    @Test
    void keepsWhatItParsed() {
        ProxyConfig config = ProxyConfig.builder().enabled(true).url("HTTPS://Proxy.Corp:8443")
                .noProxy(" Localhost , .Internal.Example ").build();

        assertThat(config.endpoint()).contains(new ProxyEndpoint("https", "proxy.corp", 8443));
        assertThat(config.endpoint()).as("parsed once, not per call").isSameAs(config.endpoint());
        assertThat(config.noProxyRules()).isSameAs(config.noProxyRules());
        assertThat(config.noProxy()).isEqualTo("localhost,.internal.example");
        assertThat(config.url()).as("the URL as given").isEqualTo("HTTPS://Proxy.Corp:8443");
    }

    @Test
    void buildsAtTheDefaultsWhenNothingIsSet() {
        ProxyConfig config = ProxyConfig.builder().build();

        assertThat(config).isEqualTo(ProxyConfig.DEFAULTS);
        assertThat(config.enabled()).isFalse();
        assertThat(config.type()).isEqualTo(ProxyType.HTTP);
        assertThat(config.endpoint()).isEmpty();
        assertThat(config.effectiveTimeoutSeconds()).isEqualTo(ProxyConfig.DEFAULT_TIMEOUT_SECONDS);
    }

    @Test
    void changesOneValueThroughItsBuilder() {
        ProxyConfig config = TestConfigs.valid().password("s3cret").username("u").build();

        ProxyConfig changed = config.toBuilder().enableFor(Purpose.SCIM, false).build();

        assertThat(changed.enabledFor(Purpose.SCIM)).isFalse();
        assertThat(changed.toBuilder().enableFor(Purpose.SCIM, true).build()).isEqualTo(config);
        assertThat(changed.password()).isEqualTo(config.password());
    }

    @Test
    void refusesToBuildWhatBreaksARule() {
        assertThatThrownBy(() -> ProxyConfig.builder().enabled(true).build())
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("url");
    }

    @Test
    void isEqualOnlyWhenEveryFieldIs() {
        ProxyConfig a = TestConfigs.valid().username("u").password("one").build();
        ProxyConfig b = TestConfigs.valid().username("u").password("two").build();

        assertThat(a).isNotEqualTo(b).hasSameHashCodeAs(b); // the hash never reads the password
        assertThat(a).isEqualTo(TestConfigs.valid().username("u").password("one").build());
        assertThat(a.toString()).doesNotContain("one").contains("password=" + Secret.REDACTED);
    }
}
