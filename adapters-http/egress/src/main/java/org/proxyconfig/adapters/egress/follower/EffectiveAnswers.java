package org.proxyconfig.adapters.egress.follower;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.proxyconfig.adapters.wire.EffectiveConfigJson;
import org.proxyconfig.adapters.wire.StrictJsonReader;
import org.proxyconfig.domain.Secret;

/**
 * Reads an HTTP answer of {@code GET /api/proxy-config/effective} as the server's contract says:
 * 200 with {@code ETag: "<revision>"} and the configuration with its routes, 304, or an error
 * with a JSON body. A 200 is taken only whole: a revision from the ETag and a body whose main
 * object and routes both parse and pass every rule, or it is a {@link Answer.Failed bad answer}. Pure: no I/O, so each case is tested alone.
 */
final class EffectiveAnswers {

    /** A strong entity tag holding a non-negative revision number, as the server writes it. */
    private static final Pattern REVISION_TAG = Pattern.compile("\"(\\d{1,18})\"");
    /** Server messages end up in state and logs: short enough to read, long enough to act on. */
    static final int MAX_MESSAGE = 200;

    private final Secret token;

    EffectiveAnswers(Secret token) {
        this.token = token;
    }

    Answer read(int status, Optional<String> etag, byte[] body) {
        return switch (status) {
            case 200 -> configuration(etag, body);
            case 304 -> new Answer.NotModified();
            default -> new Answer.Failed("HTTP " + status + errorMessage(body).map(m -> ": " + m).orElse(""));
        };
    }

    private Answer configuration(Optional<String> etag, byte[] body) {
        if (etag.isEmpty()) return new Answer.Failed("bad answer: a 200 without an ETag (the revision)");
        Matcher m = REVISION_TAG.matcher(etag.get().strip());
        if (!m.matches()) {
            return new Answer.Failed("bad answer: the ETag " + StrictJsonReader.printable(scrub(etag.get()))
                    + " is not a quoted revision number");
        }
        long revision = Long.parseLong(m.group(1));
        try {
            EffectiveConfigJson.Effective effective = EffectiveConfigJson.read(body);
            return new Answer.Configuration(revision, effective.config(), effective.routes());
        } catch (RuntimeException e) {
            // MalformedBodyException and the domain's InvalidFieldException say "field: reason" (routes[2].via.url: …),
            // never a value's secret.
            return new Answer.Failed(scrub("bad answer: revision " + revision + " is not a valid configuration: "
                    + e.getMessage()));
        }
    }

    /** The error body's {@code message}, or its {@code error.message} (the BifrostError shape), scrubbed and cut short. */
    Optional<String> errorMessage(byte[] body) {
        try {
            JsonObject object = StrictJsonReader.readObject(body);
            Optional<String> message = string(object.get("message"));
            if (message.isEmpty() && object.get("error") instanceof JsonObject error) message = string(error.get("message"));
            return message.map(this::scrub).map(EffectiveAnswers::shortened);
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }

    private static Optional<String> string(JsonValue value) {
        return value instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
    }

    private static String shortened(String message) {
        String cut = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
        return cut.replaceAll("\\p{Cntrl}", " ");
    }

    /** A server that echoed the token (it should not) must not put it into the state: redacted wherever it is. */
    String scrub(String text) {
        return token.isSet() ? text.replace(token.reveal(), Secret.REDACTED) : text;
    }
}
