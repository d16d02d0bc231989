package org.proxyconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConfigFieldTest {

    private static final ProxyConfig EVERY_FIELD_SET = ProxyConfig.builder()
            .enabled(true).type(ProxyType.SOCKS5).url("socks5h://proxy.corp:1080").username("gateway")
            .password(Secret.of("s3cret-value")).noProxy("localhost,.internal.example").timeoutSeconds(12)
            .skipTlsVerify(true).enableForScim(true).enableForInference(true).enableForApi(true)
            .fallbackUrls(java.util.List.of("socks5h://proxy2.corp:1080")).fallbackCooldownSeconds(30)
            .build();

    @Test
    void namesEachFieldOnceInWireOrder() {
        assertThat(Arrays.stream(ConfigField.values()).map(ConfigField::wireName)).containsExactly(
                "enabled", "type", "url", "username", "password", "no_proxy", "timeout", "skip_tls_verify",
                "enable_for_scim", "enable_for_inference", "enable_for_api", "ca_cert_pem", "fallback_urls",
                "fallback_cooldown");
    }

    @Test
    void rebuildsAConfigurationFromItsWireValues() {
        ProxyConfig.Builder builder = ProxyConfig.builder();
        for (ConfigField field : ConfigField.values()) field.applyTo(builder, field.valueIn(EVERY_FIELD_SET));

        assertThat(builder.build()).isEqualTo(EVERY_FIELD_SET);
    }

    @Test
    void givesEachValueInTheJavaTypeOfItsKind() {
        for (ConfigField field : ConfigField.values()) {
            assertThat(field.valueIn(EVERY_FIELD_SET)).as(field.wireName()).isInstanceOf(field.kind().wireType());
            assertThat(field.defaultValue()).as(field.wireName()).isInstanceOf(field.kind().wireType());
        }
    }

    @Test
    void showsOnlyThePasswordRedacted() {
        for (ConfigField field : ConfigField.values()) {
            Object shown = field.shownIn(EVERY_FIELD_SET);
            if (field.secret()) assertThat(shown).as(field.wireName()).isEqualTo(Secret.REDACTED);
            else assertThat(shown).as(field.wireName()).isEqualTo(field.valueIn(EVERY_FIELD_SET));
        }
        assertThat(ConfigField.PASSWORD.shownIn(ProxyConfig.DEFAULTS)).as("no password set").isEqualTo("");
        assertThat(Arrays.stream(ConfigField.values()).filter(ConfigField::secret)).containsExactly(ConfigField.PASSWORD);
    }

    @Test
    void findsAFieldByItsWireNameOnly() {
        assertThat(ConfigField.byWireName("no_proxy")).contains(ConfigField.NO_PROXY);
        assertThat(ConfigField.byWireName("NO_PROXY")).isEmpty();
        assertThat(ConfigField.byWireName("noProxy")).isEmpty();
    }
}
