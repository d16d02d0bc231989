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

    private static JsonObject parse(String json) {
        return StrictJsonReader.readObject(json.getBytes(StandardCharsets.UTF_8));
    }
}
