package org.proxyconfig.adapters.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The event-stream parsing rules of the HTML standard, and that an event is returned as soon as it ends. */
class ServerSentEventsTest {

    @ParameterizedTest(name = "lines end with {0}")
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void everyLineEndOfTheStandardEndsALine(String end) throws IOException {
        String stream = "event: delta" + end + "data: one" + end + "data:two" + end + "id: 7" + end + end;

        assertThat(all(stream)).containsExactly(new ServerSentEvent("delta", "one\ntwo", "7"));
    }

    static Stream<Arguments> streamsOfOneMessage() {
        return Stream.of(
                Arguments.of("comments, unknown fields and retry are ignored, and one space after the colon is dropped",
                        ": keep-alive\nretry: 3000\nfoo: bar\ndata:  two spaces\n\n", " two spaces"),
                Arguments.of("a field without a colon has an empty value, and an event without data is not dispatched",
                        "event: ping\n\ndata\n\n", ""),
                Arguments.of("an unfinished last event is dropped, and a leading byte order mark skipped",
                        "\uFEFFdata: done\n\ndata: cut off", "done"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamsOfOneMessage")
    void aStreamThatHoldsOneMessageYieldsItAlone(String rule, String stream, String data) throws IOException {
        assertThat(all(stream)).containsExactly(new ServerSentEvent("message", data, ""));
    }

    @Test
    void theLastEventIdCarriesOverAndAnIdWithNulIsIgnored() throws IOException {
        String stream = "id: a\ndata: 1\n\nid: b\u0000c\ndata: 2\n\nid\ndata: 3\n\n";

        assertThat(all(stream)).extracting(ServerSentEvent::id).containsExactly("a", "a", "");
    }

    @Test
    void anEventIsReturnedAsSoonAsItsBlankLineArrivesNotAtTheEndOfTheStream() throws IOException {
        PipedOutputStream server = new PipedOutputStream();
        try (ServerSentEvents events = new ServerSentEvents(new PipedInputStream(server, 1 << 16))) {
            server.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
            server.flush();

            // The stream stays open: a reader that waited for more than the event would block here forever.
            assertThat(events.next()).contains(new ServerSentEvent("message", "first", ""));

            server.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
            server.close();
            assertThat(events.next()).contains(new ServerSentEvent("message", "second", ""));
            assertThat(events.next()).isEmpty();
        }
    }

    @Test
    void aLineLongerThanTheLimitIsAnErrorNotUnboundedMemory() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        ServerSentEvents events = new ServerSentEvents(endless);

        assertThatThrownBy(events::next).isInstanceOf(IOException.class).hasMessageContaining("longer than");
    }

    private static List<ServerSentEvent> all(String stream) throws IOException {
        List<ServerSentEvent> out = new ArrayList<>();
        try (ServerSentEvents events = new ServerSentEvents(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)))) {
            for (var e = events.next(); e.isPresent(); e = events.next()) out.add(e.get());
        }
        return out;
    }
}
