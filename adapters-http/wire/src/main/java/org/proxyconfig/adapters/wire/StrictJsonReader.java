package org.proxyconfig.adapters.wire;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads a request body as exactly one JSON object, refusing what lenient readers let through:
 * duplicate keys (at any depth), anything but an object at the top, trailing content, and absurd
 * nesting. JSON-P's own reader silently keeps the last duplicate, which would let a body say two
 * things at once, so the object is rebuilt here from parser events.
 */
public final class StrictJsonReader {

    private static final int MAX_DEPTH = 64;
    /**
     * Looked up once: each {@code Json.createParser} call looks the provider up again through the
     * service loader (reading jar entries) and gets a fresh buffer pool, about 80 KB of garbage per
     * request body, which showed as GC pauses in the PUT tail (docs/PERFORMANCE.md).
     */
    public static final JsonProvider JSON = JsonProvider.provider();

    private StrictJsonReader() {
    }

    public static JsonObject readObject(byte[] body) {
        JsonObjectBuilder builder = JSON.createObjectBuilder();
        readMembers(body, builder::add);
        return builder.build();
    }

    /**
     * Reads the body as {@link #readObject} does, handing each top-level member to {@code member}
     * as it is read instead of building the object: for a reader that keeps only some of them.
     */
    public static void readMembers(byte[] body, BiConsumer<String, JsonValue> member) {
        if (body.length == 0) {
            throw new MalformedBodyException("the body is empty; send one JSON object");
        }
        try (JsonParser parser = JSON.createParser(new StringReader(utf8(body)))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new MalformedBodyException("the body must be one JSON object");
            }
            readMembers(parser, 1, member);
            if (parser.hasNext()) {
                throw new MalformedBodyException("unexpected content after the JSON object");
            }
        } catch (JsonParsingException e) {
            throw new MalformedBodyException("the body is not valid JSON (line "
                    + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber() + ")");
        }
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedBodyException("the body is not valid UTF-8");
        }
    }

    private static JsonObject readObject(JsonParser parser, int depth) {
        JsonObjectBuilder builder = JSON.createObjectBuilder();
        readMembers(parser, depth, builder::add);
        return builder.build();
    }

    private static void readMembers(JsonParser parser, int depth, BiConsumer<String, JsonValue> member) {
        Set<String> seen = new HashSet<>();
        while (true) {
            JsonParser.Event event = parser.next();
            if (event == JsonParser.Event.END_OBJECT) return;
            String key = parser.getString();
            if (!seen.add(key)) {
                throw new MalformedBodyException(printable(key) + ": appears more than once; send each field once",
                        printable(key), "duplicate_key");
            }
            member.accept(key, readValue(parser, parser.next(), depth));
        }
    }

    private static JsonValue readValue(JsonParser parser, JsonParser.Event event, int depth) {
        if ((event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) && depth >= MAX_DEPTH) {
            throw new MalformedBodyException("the JSON is nested more than " + MAX_DEPTH + " levels deep");
        }
        return switch (event) {
            case START_OBJECT -> readObject(parser, depth + 1);
            case START_ARRAY -> readArray(parser, depth + 1);
            case VALUE_NUMBER -> number(parser);
            default -> parser.getValue();
        };
    }

    /**
     * Parsson refuses numbers of more than 1100 characters, and BigDecimal exponents beyond an int,
     * with unchecked exceptions of several kinds: whichever it is, the number was the client's.
     */
    private static JsonValue number(JsonParser parser) {
        try {
            return parser.getValue();
        } catch (RuntimeException e) {
            throw new MalformedBodyException("a number in the body is too long to be a valid value");
        }
    }

    private static JsonValue readArray(JsonParser parser, int depth) {
        JsonArrayBuilder builder = JSON.createArrayBuilder();
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_ARRAY; event = parser.next()) {
            builder.add(readValue(parser, event, depth));
        }
        return builder.build();
    }

    /** A JSON value's type in words, for "field: must be …, got …" messages. */
    public static String describe(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> "a string";
            case NUMBER -> ((JsonNumber) value).isIntegral() ? "a number" : "a number with a fraction";
            case TRUE, FALSE -> "a boolean";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NULL -> "null";
        };
    }

    /** Keys are echoed in messages; keep them short and free of control characters. */
    public static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
