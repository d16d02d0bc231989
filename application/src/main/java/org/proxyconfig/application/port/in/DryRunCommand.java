package org.proxyconfig.application.port.in;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.proxyconfig.domain.InvalidFieldException;
import org.proxyconfig.domain.ProxyConfigDraft;
import org.proxyconfig.domain.Purpose;

/**
 * A dry run as a client asked for it: where would a request to {@code target} for {@code purpose}
 * go under {@code draft} (or the stored configuration when empty), and, with {@code probe}, what
 * happens when it is really sent.
 *
 * @param target an absolute {@code http} or {@code https} URL with a host
 */
public record DryRunCommand(URI target, Purpose purpose, Optional<ProxyConfigDraft> draft, boolean probe) {

    public DryRunCommand {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(draft, "draft");
        checkTarget(target);
    }

    /** The target's port: explicit, or 80 / 443 by scheme. */
    public int targetPort() {
        return target.getPort() != -1 ? target.getPort() : isTls() ? 443 : 80;
    }

    /** True for an {@code https} target. */
    public boolean isTls() {
        return target.getScheme().toLowerCase(Locale.ROOT).equals("https");
    }

    private static void checkTarget(URI target) {
        String scheme = target.getScheme();
        if (!target.isAbsolute() || target.isOpaque() || scheme == null) {
            throw invalid("must be an absolute http:// or https:// URL, e.g. https://api.openai.com/v1/models");
        }
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (!lower.equals("http") && !lower.equals("https")) {
            throw invalid("scheme '" + printable(scheme) + "' is not supported; use http:// or https://");
        }
        if (target.getRawUserInfo() != null) {
            throw invalid("must not contain user:password@; credentials never belong in a URL");
        }
        if (target.getHost() == null || target.getHost().isEmpty()) {
            throw invalid("has no host, or a host that cannot be parsed");
        }
        if (target.getPort() == 0 || target.getPort() > 65535) {
            throw invalid("port " + target.getPort() + " is outside 1..65535");
        }
    }

    private static InvalidFieldException invalid(String reason) {
        return new InvalidFieldException("target", "invalid_target", reason);
    }

    private static String printable(String s) {
        String cut = s.length() > 32 ? s.substring(0, 32) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
