package org.proxyconfig.bootstrap;

import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** How log lines are written: text for people (the default), or one JSON object per line for shippers. */
enum LogFormat {
    TEXT, JSON;

    static LogFormat parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "", "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new InvalidSettingException("PROXY_CONFIG_LOG_FORMAT: '" + value + "' is neither text nor json");
        };
    }

    /** One line in this format, for what is said after the log handlers may have closed (the last word at exit). */
    String line(Level level, String logger, String message) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        return formatter().format(record);
    }

    /** Puts this format on the root logger's handlers (the console handler of logging.properties). */
    void apply() {
        for (Handler handler : Logger.getLogger("").getHandlers()) handler.setFormatter(formatter());
    }

    private Formatter formatter() {
        return this == JSON ? new JsonLogFormatter() : new TextLogFormatter();
    }
}
