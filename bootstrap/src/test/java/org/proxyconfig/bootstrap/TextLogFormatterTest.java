package org.proxyconfig.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The text line is exactly what logging.properties asks of SimpleFormatter, as SimpleFormatter would write it. */
class TextLogFormatterTest {

    private static String pattern() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TextLogFormatterTest.class.getResourceAsStream("/logging.properties")) {
            properties.load(in);
        }
        return properties.getProperty("java.util.logging.SimpleFormatter.format");
    }

    /** What SimpleFormatter does with the pattern: its six arguments, the thrown one a new line and the trace. */
    private static String asSimpleFormatterWould(LogRecord record) throws IOException {
        String thrown = "";
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            PrintWriter out = new PrintWriter(trace);
            out.println();
            record.getThrown().printStackTrace(out);
            out.close();
            thrown = trace.toString();
        }
        return String.format(pattern(), ZonedDateTime.ofInstant(record.getInstant(), ZoneId.systemDefault()),
                "source", record.getLoggerName(), record.getLevel().getLocalizedName(),
                new java.util.logging.SimpleFormatter().formatMessage(record), thrown);
    }

    private static LogRecord record(Level level, String message, Object... parameters) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("org.proxyconfig.audit");
        record.setParameters(parameters);
        record.setInstant(Instant.parse("2026-12-02T10:15:30.123456Z"));
        return record;
    }

    @Test
    void writesTheLineTheConfiguredPatternDescribes() throws IOException {
        LogRecord record = record(Level.INFO, "audit: update revision=54 actor=admin-token changed=[type, url]");

        assertThat(new TextLogFormatter().format(record)).isEqualTo(asSimpleFormatterWould(record));
    }

    @Test
    void fillsInParametersAndAppendsTheStackTraceOfAnException() throws IOException {
        LogRecord record = record(Level.WARNING, "event_id={0} PUT /api/proxy-config -> 503", "1bc62c11");
        record.setThrown(new IllegalStateException("the store is down"));

        String line = new TextLogFormatter().format(record);

        assertThat(line).isEqualTo(asSimpleFormatterWould(record));
        assertThat(line).contains("event_id=1bc62c11 PUT").contains("java.lang.IllegalStateException: the store is down");
    }
}
