package org.proxyconfig.adapters.wire;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.proxyconfig.domain.ConfigField;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.Secret;

class ProxyConfigJsonTest {

    private static final ProxyConfig CONFIG = ProxyConfig.builder()
            .enabled(true).url("http://proxy.corp:3128").username("gateway").password(Secret.of("s3cret-pw"))
            .noProxy("localhost,.internal").timeoutSeconds(12).enableForScim(true).build();

    @Test
    void writeRedactsThePassword() {
        JsonObject written = parse(ProxyConfigJson.write(CONFIG));

        assertThat(written.getString("password")).isEqualTo(Secret.REDACTED);
    }

    @Test
    void writeEffectiveShowsThePasswordInClear() {
        JsonObject effective = parse(ProxyConfigJson.writeEffective(CONFIG));

        assertThat(effective.getString("password")).isEqualTo("s3cret-pw");
    }

    @Test
    void writeEffectiveHoldsEveryOtherFieldAsWriteDoes() {
        JsonObject written = parse(ProxyConfigJson.write(CONFIG));
        JsonObject effective = parse(ProxyConfigJson.writeEffective(CONFIG));

        assertThat(effective.keySet()).containsExactlyElementsOf(written.keySet());
        for (ConfigField field : ConfigField.values()) {
            if (field.secret()) continue;
            assertThat(effective.get(field.wireName())).as(field.wireName()).isEqualTo(written.get(field.wireName()));
        }
    }

    @Test
    void writeEffectiveReadsBackAsTheSameConfiguration() {
        byte[] body = ProxyConfigJson.writeEffective(CONFIG).getBytes(StandardCharsets.UTF_8);

        assertThat(ProxyConfigJson.readDraft(body).resolveAgainst(ProxyConfig.DEFAULTS)).isEqualTo(CONFIG);
    }

    @Test
    void writeEffectiveWritesAnUnsetPasswordAsEmpty() {
        JsonObject effective = parse(ProxyConfigJson.writeEffective(ProxyConfig.DEFAULTS));

        assertThat(effective.getString("password")).isEmpty();
    }

    private static JsonObject parse(String json) {
        return StrictJsonReader.readObject(json.getBytes(StandardCharsets.UTF_8));
    }
}
