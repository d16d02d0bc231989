package org.proxyconfig.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** PROXY_CONFIG_LOG_FORMAT=json: one object per line, with the fields log shippers index. */
class JsonLogFormatterTest {

    private static JsonObject format(LogRecord record) {
        String line = new JsonLogFormatter().format(record);
        assertThat(line).endsWith(System.lineSeparator());
        assertThat(line.strip()).doesNotContain("\n");
        return Json.createReader(new StringReader(line)).readObject();
    }

    private static LogRecord record(Level level, String logger, String message, Object... parameters) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setParameters(parameters);
        record.setInstant(java.time.Instant.parse("2026-12-02T10:15:30.123Z"));
        return record;
    }

    @Test
    void anAuditLineGivesItsRevisionAsANumberAndItsActor() {
        JsonObject line = format(record(Level.INFO, "org.proxyconfig.audit",
                "audit: update revision=54 actor=admin-token changed=[type, url]"));

        assertThat(line.getString("time")).isEqualTo("2026-12-02T10:15:30.123Z");
        assertThat(line.getString("level")).isEqualTo("INFO");
        assertThat(line.getString("logger")).isEqualTo("org.proxyconfig.audit");
        assertThat(line.getString("message")).isEqualTo("audit: update revision=54 actor=admin-token changed=[type, url]");
        assertThat(line.getJsonNumber("revision").longValue()).isEqualTo(54);
        assertThat(line.getString("actor")).isEqualTo("admin-token");
        assertThat(line.containsKey("event_id")).isFalse();
    }

    @Test
    void anErrorLineGivesItsEventIdAndTheExceptionButNoStackTrace() {
        LogRecord record = record(Level.WARNING, "org.proxyconfig.adapters.http.ErrorResponses",
                "event_id={0} PUT /api/proxy-config -> 503 store_unavailable", "1bc62c11-1387-4293-ab9e-daaac96af134");
        record.setThrown(new IllegalStateException("the store said \"no\"\nat once"));

        JsonObject line = format(record);

        assertThat(line.getString("event_id")).isEqualTo("1bc62c11-1387-4293-ab9e-daaac96af134");
        assertThat(line.getString("message")).startsWith("event_id=1bc62c11-1387-4293-ab9e-daaac96af134 PUT");
        assertThat(line.getString("error")).isEqualTo("java.lang.IllegalStateException: the store said \"no\"\nat once");
        assertThat(line.containsKey("revision")).isFalse();
    }

    @Test
    void theFormatIsTextUnlessJsonIsAskedFor() {
        assertThat(LogFormat.parse("")).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.parse("JSON")).isEqualTo(LogFormat.JSON);
        assertThatThrownBy(() -> LogFormat.parse("xml")).isInstanceOf(InvalidSettingException.class)
                .hasMessage("PROXY_CONFIG_LOG_FORMAT: 'xml' is neither text nor json");
    }
}
