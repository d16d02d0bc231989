package org.proxyconfig.adapters.http.json;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;

/**
 * The one JSON-B instance of the adapter: camelCase DTO fields become the wire's snake_case
 * names, so DTOs need no per-field annotations. Jsonb is thread-safe and costly to build.
 */
public final class Jsons {

    public static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES));

    private Jsons() {
    }
}
