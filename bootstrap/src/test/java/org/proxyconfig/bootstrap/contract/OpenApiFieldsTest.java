package org.proxyconfig.bootstrap.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.proxyconfig.domain.ConfigField;

/**
 * The OpenAPI document (docs module, the contract clients read) and {@link ConfigField} (what the
 * server reads and writes) name the same fields in the same order: neither can drift alone.
 */
class OpenApiFieldsTest {

    @Test
    void theProxyConfigSchemaListsExactlyTheFieldsTheServerReads() throws IOException {
        assertThat(proxyConfigProperties(document()))
                .containsExactlyElementsOf(Arrays.stream(ConfigField.values()).map(ConfigField::wireName).toList());
    }

    @Test
    void theSchemaGivesEachFieldTheTypeAndDefaultTheServerUses() throws IOException {
        String schema = proxyConfigSchema(document());
        for (ConfigField field : ConfigField.values()) {
            String type = switch (field.kind()) {
                case BOOLEAN -> "boolean";
                case STRING, SECRET -> "string";
                case WHOLE_NUMBER -> "integer";
                case STRING_LIST -> "array";
            };
            Matcher block = Pattern.compile("(?m)^        " + field.wireName() + ":(.*(?:\\n {10,}.*)*)").matcher(schema);
            assertThat(block.find()).as(field.wireName()).isTrue();
            assertThat(block.group(1)).as(field.wireName() + "'s type").contains("type: " + type);
            // YAML may quote a string or not; "" must be quoted.
            String value = Pattern.quote(String.valueOf(field.defaultValue()));
            String shown = field.defaultValue() instanceof String ? "(\"" + value + "\"|" + value + "(?=[,}\\s]|$))" : value + "(?=[,}\\s]|$)";
            assertThat(block.group(1)).as(field.wireName() + "'s default").containsPattern("default: " + shown);
        }
    }

    private static String document() throws IOException {
        try (InputStream in = OpenApiFieldsTest.class.getResourceAsStream("/META-INF/proxy-config/openapi.yaml")) {
            assertThat(in).as("openapi.yaml on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The lines of {@code components.schemas.ProxyConfig}, up to the next schema. */
    private static String proxyConfigSchema(String document) {
        Matcher m = Pattern.compile("(?ms)^    ProxyConfig:\\n(.*?)(?=^    \\S)").matcher(document);
        assertThat(m.find()).as("components.schemas.ProxyConfig").isTrue();
        return m.group(1);
    }

    private static List<String> proxyConfigProperties(String document) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^        ([a-z_]+):").matcher(proxyConfigSchema(document));
        while (m.find()) names.add(m.group(1));
        return names;
    }
}
