package org.proxyconfig.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.OptionalLong;

/**
 * Entity tags of the configuration: the revision number, quoted ({@code "7"}). A conditional write
 * names one tag in {@code If-Match}; {@code *} or no header means unconditional, as the seed's
 * clients send. A tag that is not one of ours can match no revision: 412 at once. A conditional
 * read names the tags it holds in {@code If-None-Match}; there a tag that is not ours simply
 * matches nothing, as RFC 9110 has it, and weak tags ({@code W/"7"}) compare like strong ones.
 */
final class EntityTags {

    private EntityTags() {
    }

    static String of(long revision) {
        return "\"" + revision + "\"";
    }

    /** The revision the client expects to be current, or empty for an unconditional write. */
    static OptionalLong expectedRevision(ServerRequest req) {
        var header = req.headers().first(HeaderNames.IF_MATCH);
        if (header.isEmpty() || header.get().strip().equals("*")) return OptionalLong.empty();
        String tag = header.get().strip();
        if (tag.length() >= 3 && tag.startsWith("\"") && tag.endsWith("\"")) {
            try {
                long revision = Long.parseLong(tag.substring(1, tag.length() - 1));
                if (revision >= 0) return OptionalLong.of(revision);
            } catch (NumberFormatException notOurs) {
                // falls through to 412
            }
        }
        throw HttpProblem.preconditionFailed("If-Match: send one entity tag exactly as GET's ETag gave it, e.g. \"3\"");
    }

    /** Whether {@code If-None-Match} names {@code revision} (or is {@code *}); false without the header. */
    static boolean hasIfNoneMatch(ServerRequest req) {
        return req.headers().contains(HeaderNames.IF_NONE_MATCH);
    }

    static boolean noneMatchNames(ServerRequest req, long revision) {
        var header = req.headers().first(HeaderNames.IF_NONE_MATCH);
        if (header.isEmpty()) return false;
        String current = of(revision);
        for (String tag : header.get().split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) t = t.substring(2);
            if (t.equals("*") || t.equals(current)) return true;
        }
        return false;
    }
}
