package org.proxyconfig.bootstrap;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JSON object per line, for log shippers ({@code PROXY_CONFIG_LOG_FORMAT=json}): {@code time},
 * {@code level}, {@code logger}, {@code message}, and {@code event_id}, {@code revision} and
 * {@code actor} when the line has them (the audit lines and the error lines write them as
 * {@code key=value}), and {@code error} (class and message) when the record carries an exception.
 * It re-encodes what the text format prints, so it shows no more than the text format: no line of
 * this code holds a secret in either format.
 */
final class JsonLogFormatter extends Formatter {

    private static final Pattern FIELD = Pattern.compile("\\b(event_id|revision|actor)=([^\\s,\\]]+)");

    @Override
    public String format(LogRecord record) {
        String message = formatMessage(record);
        JsonObjectBuilder line = Json.createObjectBuilder()
                .add("time", Instant.ofEpochMilli(record.getMillis()).toString())
                .add("level", record.getLevel().getName())
                .add("logger", record.getLoggerName() == null ? "" : record.getLoggerName())
                .add("message", message);
        Matcher field = FIELD.matcher(message);
        while (field.find()) {
            String name = field.group(1);
            String value = field.group(2);
            if (name.equals("revision") && value.chars().allMatch(Character::isDigit) && value.length() < 19) {
                line.add(name, Long.parseLong(value));
            } else {
                line.add(name, value);
            }
        }
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            line.add("error", thrown.getClass().getName() + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage()));
        }
        return line.build().toString() + System.lineSeparator();
    }
}
