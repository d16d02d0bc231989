package org.proxyconfig.adapters.egress;

import java.util.Objects;

/**
 * One event of a {@code text/event-stream}, as the HTML standard's parsing rules dispatch it.
 *
 * @param event the {@code event:} field, {@code "message"} when the stream gave none
 * @param data  the {@code data:} lines joined by {@code \n}
 * @param id    the last event id seen on the stream so far ({@code ""} when none)
 */
public record ServerSentEvent(String event, String data, String id) {

    public ServerSentEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(id, "id");
    }
}
