package org.proxyconfig.adapters.http.declaration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.application.port.in.Declaration;
import org.proxyconfig.domain.ConfigField;

/** The declaration adapter on its own: files, references, strictness; no server. */
class DeclarationReaderTest {

    private static final String SECRET = "declared-secret-4b1";
    private static final Map<String, String> ENV = Map.of("PROXY_PASSWORD", SECRET, "PROXY_TIMEOUT", "45", "ON", "true");
    private static final UnaryOperator<String> FINGERPRINT = text -> Integer.toHexString(text.hashCode());

    @TempDir
    Path temp;

    private Declaration read(String name, String content) throws IOException {
        Path file = Files.writeString(temp.resolve(name), content);
        return DeclarationReader.read(new DeclarationSource(Optional.empty(), Optional.of(file), Map.of()), ENV, FINGERPRINT)
                .orElseThrow();
    }

    @Test
    void readsJsonAndYamlAlikeAndResolvesReferencesOfEveryKind() throws IOException {
        Declaration json = read("proxy.json", """
                {"enabled":"${ON}","url":"http://proxy.corp:3128","username":"gw","password":"${PROXY_PASSWORD}",
                 "timeout":"${PROXY_TIMEOUT}","enable_for_api":true}""");
        Declaration yaml = read("proxy.yaml", """
                enabled: ${ON}
                url: http://proxy.corp:3128
                username: gw
                password: ${PROXY_PASSWORD}
                timeout: ${PROXY_TIMEOUT}
                enable_for_api: true
                """);

        assertThat(json.draft().get(ConfigField.ENABLED)).isEqualTo(true);
        assertThat(json.draft().get(ConfigField.TIMEOUT)).isEqualTo(45L);
        assertThat(json.draft().get(ConfigField.PASSWORD)).isEqualTo(SECRET);
        assertThat(yaml.draft()).isEqualTo(json.draft());
        assertThat(yaml.fingerprint()).as("the same declaration, whatever its layout").isEqualTo(json.fingerprint());
        assertThat(json.mode()).isEqualTo(Declaration.Mode.SEED);
    }

    @Test
    void refusesAnUnknownFieldListingTheRealOnes() {
        assertThatThrownBy(() -> read("proxy.json", "{\"enabled\":false,\"no_proxies\":\"x\"}"))
                .isInstanceOf(InvalidDeclarationException.class)
                .hasMessageContaining("no_proxies: is not a field")
                .hasMessageContaining("enabled, type, url, username, password, no_proxy, timeout, skip_tls_verify,"
                        + " enable_for_scim, enable_for_inference, enable_for_api, ca_cert_pem");
    }

    @Test
    void refusesAMissingVariableAndTheKeepPasswordMarkerWithoutShowingValues() {
        assertThatThrownBy(() -> read("proxy.json", "{\"password\":\"${NOT_SET}\",\"username\":\"gw\"}"))
                .isInstanceOf(InvalidDeclarationException.class).hasMessageContaining("NOT_SET, which is not set");
        assertThatThrownBy(() -> read("proxy.json", "{\"password\":\"<redacted>\",\"username\":\"gw\"}"))
                .isInstanceOf(InvalidDeclarationException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> read("proxy.yaml", "password: ${PROXY_PASSWORD}\nurl: ftp://x:21\n"))
                .isInstanceOf(InvalidDeclarationException.class)
                .hasMessageContaining("proxy.yaml").hasMessageContaining("url")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void declaresNothingWhenNoSourceIsGiven() {
        assertThat(DeclarationReader.read(DeclarationSource.NONE, ENV, FINGERPRINT)).isEmpty();
    }
}
