package org.proxyconfig.bootstrap.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.proxyconfig.adapters.wire.ProxyRoutesJson;

/**
 * The OpenAPI document and the routes' reader name the same members in the same order: the
 * routes refuse unknown members, so a member the document lists and the reader does not know
 * would be a 400 for every client that follows the document.
 */
class OpenApiRoutesTest {

    @Test
    void theRouteSchemaListsExactlyTheMembersTheServerReads() throws IOException {
        assertThat(properties(document(), "ProxyRoute")).containsExactlyElementsOf(ProxyRoutesJson.ROUTE_MEMBERS);
    }

    @Test
    void theRouteProxySchemaListsExactlyTheProxyFieldsTheServerReads() throws IOException {
        assertThat(properties(document(), "RouteProxy")).containsExactlyElementsOf(ProxyRoutesJson.PROXY_MEMBERS);
    }

    @Test
    void theRoutesPathIsDocumentedForGetAndPut() throws IOException {
        Matcher path = Pattern.compile("(?ms)^  /api/proxy-config/routes:\\n(.*?)(?=^  \\S)").matcher(document());

        assertThat(path.find()).isTrue();
        assertThat(path.group(1)).contains("    get:\n").contains("    put:\n")
                .contains("$ref: '#/components/schemas/ProxyRoutes'").contains("param: routes[2].via.url");
    }

    private static String document() throws IOException {
        try (InputStream in = OpenApiRoutesTest.class.getResourceAsStream("/META-INF/proxy-config/openapi.yaml")) {
            assertThat(in).as("openapi.yaml on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The property names of {@code components.schemas.<schema>}, in order. */
    private static List<String> properties(String document, String schema) {
        Matcher block = Pattern.compile("(?ms)^    " + schema + ":\\n(.*?)(?=^    \\S)").matcher(document);
        assertThat(block.find()).as("components.schemas." + schema).isTrue();
        Matcher properties = Pattern.compile("(?ms)^      properties:\\n(.*)").matcher(block.group(1));
        assertThat(properties.find()).as(schema + ".properties").isTrue();
        List<String> names = new ArrayList<>();
        Matcher name = Pattern.compile("(?m)^        ([a-z_]+):").matcher(properties.group(1));
        while (name.find()) names.add(name.group(1));
        return names;
    }
}
