package org.proxyconfig.domain;

import java.util.Locale;
import java.util.Set;

/**
 * Parses the {@code url} field into a {@link ProxyEndpoint} (docs/decisions/0003-url-and-no-proxy-semantics.md). A proxy URL is a scheme
 * allowed for the proxy type (or none: bare {@code host:port}), a host, an optional port, and
 * nothing else. Every refusal names field {@code url} with code {@value #CODE}.
 *
 * <p>A reason never quotes the text before an {@code @} (it would be credentials), nor a query,
 * fragment or path (tokens hide there); it does quote the scheme, host and port, which are needed
 * to act on the error.
 */
public final class ProxyUrl {

    public static final String CODE = "invalid_proxy_url";
    private static final String FIELD = "url";

    private ProxyUrl() {}

    /**
     * @throws InvalidFieldException field {@code url}, code {@value #CODE}, when {@code url} is not
     *                               a valid proxy address for {@code type}
     */
    public static ProxyEndpoint parse(ProxyType type, String url) {
        if (url == null || url.isEmpty()) throw refuse("is empty; give the proxy address, e.g. " + forms(type).example());
        // Credentials first: once '@' is seen nothing else of the URL is quoted in any reason.
        if (url.indexOf('@') >= 0) {
            throw refuse("must not contain credentials ('user:password@'); put them in the username and"
                    + " password fields, where the password is kept secret");
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == ' ' || Character.isWhitespace(c) || ProxyConfigRules.isControl(c)) {
                throw refuse(i == 0 || i == url.length() - 1
                        ? "has leading or trailing spaces; remove them"
                        : "contains a space or control character at position " + (i + 1) + "; remove it");
            }
        }
        String scheme;
        int rest;
        int separator = url.indexOf("://");
        if (separator >= 0) {
            String given = url.substring(0, separator);
            if (!isSchemeSyntax(given)) {
                throw refuse("does not start with a valid scheme; use " + forms(type).allowed());
            }
            scheme = given.toLowerCase(Locale.ROOT);
            if (!forms(type).schemes().contains(scheme)) {
                throw refuse("scheme '" + HostNames.quote(given) + "' is not valid for proxy type "
                        + type.wireName() + "; use " + forms(type).allowed());
            }
            rest = separator + 3;
        } else {
            scheme = forms(type).bareScheme();
            rest = 0;
        }

        int authorityEnd = url.length();
        for (int i = rest; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') { authorityEnd = i; break; }
        }
        rejectTrailer(url, authorityEnd);
        return authority(type, scheme, url, rest, authorityEnd);
    }

    private static void rejectTrailer(String url, int from) {
        if (url.indexOf('?', from) >= 0) {
            throw refuse("has a query ('?...'); a proxy URL is only scheme://host:port");
        }
        if (url.indexOf('#', from) >= 0) {
            throw refuse("has a fragment ('#...'); a proxy URL is only scheme://host:port");
        }
        if (from < url.length() && !url.substring(from).equals("/")) {
            throw refuse("has a path; a proxy URL is only scheme://host:port, with at most a '/' after it");
        }
    }

    private static ProxyEndpoint authority(ProxyType type, String scheme, String url, int from, int to) {
        if (from == to) throw refuse("has no host; write it as " + forms(type).example());
        int hostFrom;
        int hostTo;
        int portFrom = -1;
        boolean bracketed = url.charAt(from) == '[';
        if (bracketed) {
            int close = url.indexOf(']', from);
            if (close < 0 || close >= to) throw refuse("has '[' without ']'; write an IPv6 proxy as [::1]:3128");
            hostFrom = from + 1;
            hostTo = close;
            if (close + 1 < to) {
                if (url.charAt(close + 1) != ':') {
                    throw refuse("has text after ']'; write an IPv6 proxy as [address]:port");
                }
                portFrom = close + 2;
            }
        } else {
            int colon = url.indexOf(':', from);
            if (colon >= 0 && colon < to && url.indexOf(':', colon + 1) >= 0
                    && url.indexOf(':', colon + 1) < to) {
                throw refuse("host looks like an IPv6 address without brackets, which is ambiguous with a"
                        + " port; write an IPv6 proxy in brackets, e.g. [2001:db8::1]:3128");
            }
            hostFrom = from;
            hostTo = colon >= 0 && colon < to ? colon : to;
            if (colon >= 0 && colon < to) portFrom = colon + 1;
        }
        String host = host(url, hostFrom, hostTo, bracketed);
        int port = portFrom < 0 ? defaultPort(type, scheme) : port(url.substring(portFrom, to));
        return new ProxyEndpoint(scheme, host, port);
    }

    private static String host(String url, int from, int to, boolean bracketed) {
        if (from == to) throw refuse("has no host before the port");
        String given = url.substring(from, to);
        if (bracketed) {
            IpAddress ip = IpAddress.parseV6(url, from, to);
            if (ip == null) {
                throw refuse("'[" + HostNames.quote(given) + "]' is not a valid IPv6 address"
                        + (given.indexOf('%') >= 0 ? " (zone ids such as %eth0 are not supported)" : ""));
            }
            refuseForbidden(ip, given);
            return given.toLowerCase(Locale.ROOT);
        }
        if (HostNames.looksLikeIpv4(url, from, to)) {
            IpAddress ip = IpAddress.parseV4(url, from, to);
            if (ip == null) {
                throw refuse("host '" + HostNames.quote(given) + "' is not a valid IPv4 address; write four"
                        + " numbers 0..255 without leading zeros, e.g. 10.0.0.5");
            }
            refuseForbidden(ip, given);
            return given;
        }
        // A trailing dot is the fully qualified form of the same name; the endpoint drops it.
        int nameTo = to - from > 1 && url.charAt(to - 1) == '.' ? to - 1 : to;
        String problem = HostNames.problem(url, from, nameTo, true);
        if (problem != null) {
            throw refuse("host '" + HostNames.quote(given) + "' is not a valid host name: " + problem);
        }
        String name = url.substring(from, nameTo).toLowerCase(Locale.ROOT);
        if (name.equals("metadata") || name.equals("metadata.google.internal")) {
            throw refuse("host '" + name + "' is a cloud metadata service; a proxy there would be an SSRF"
                    + " vector");
        }
        return name;
    }

    private static void refuseForbidden(IpAddress ip, String given) {
        String what = ip.isUnspecified() ? "an unspecified address"
                : ip.isLinkLocal() ? "a link-local address (the cloud metadata range)"
                : ip.isMetadata() ? "a cloud metadata address"
                : null;
        if (what != null) {
            throw refuse("host '" + HostNames.quote(given) + "' is " + what
                    + ", which cannot be a proxy (it would be an SSRF vector)");
        }
    }

    private static int port(String text) {
        if (text.isEmpty()) throw refuse("ends with ':' but has no port; add the port, e.g. :3128");
        boolean digits = text.length() <= 5;
        for (int i = 0; i < text.length() && digits; i++) digits = IpAddress.isDigit(text.charAt(i));
        int port = digits ? Integer.parseInt(text) : -1;
        if (port < 1 || port > 65535) {
            throw refuse("port '" + HostNames.quote(text) + "' is not a number from 1 to 65535");
        }
        return port;
    }

    private static int defaultPort(ProxyType type, String scheme) {
        return switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            case "socks5", "socks5h" -> 1080;
            default -> throw refuse("has no port; proxy type " + type.wireName()
                    + " has no default port, write e.g. " + forms(type).example());
        };
    }

    /**
     * What a proxy type accepts: its schemes, the one a bare {@code host:port} gets, and the words a
     * refusal uses to show the accepted forms and an example. One line per type keeps them in step.
     */
    private record Forms(Set<String> schemes, String bareScheme, String allowed, String example) {
    }

    private static final Forms HTTP_FORMS =
            new Forms(Set.of("http", "https"), "http", "http://, https:// or host:port", "http://proxy.corp:3128");
    private static final Forms SOCKS5_FORMS =
            new Forms(Set.of("socks5", "socks5h"), "socks5", "socks5://, socks5h:// or host:port", "socks5://proxy.corp:1080");
    private static final Forms TCP_FORMS =
            new Forms(Set.of("tcp"), "tcp", "tcp:// or host:port", "tcp://proxy.corp:3128");

    private static Forms forms(ProxyType type) {
        return switch (type) {
            case HTTP -> HTTP_FORMS;
            case SOCKS5 -> SOCKS5_FORMS;
            case TCP -> TCP_FORMS;
        };
    }

    /** RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ). */
    private static boolean isSchemeSyntax(String s) {
        if (s.isEmpty() || !Character.isLetter(s.charAt(0)) || s.charAt(0) > 0x7F) return false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(HostNames.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) return false;
        }
        return s.length() <= 32;
    }

    private static InvalidFieldException refuse(String reason) {
        return new InvalidFieldException(FIELD, CODE, reason);
    }
}
