package org.proxyconfig.domain;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules that make a {@link ProxyConfig} valid (docs/openapi.yaml states them per field).
 * {@link #check} reports the first broken rule, fields in wire order ({@link ConfigField}); each
 * field's own rules run in the order a person would fix them (characters, then length, then
 * meaning). A reason never contains the password.
 */
public final class ProxyConfigRules {

    public static final int MAX_TIMEOUT_SECONDS = 3600;
    public static final int MAX_USERNAME_LENGTH = 256;
    public static final int MAX_PASSWORD_LENGTH = 1024;
    /** RFC 1929 sends the SOCKS5 user name and password each with a one-byte length. */
    public static final int MAX_SOCKS5_CREDENTIAL_BYTES = 255;
    public static final int MAX_NO_PROXY_LENGTH = NoProxyRules.MAX_LENGTH;
    public static final int MAX_NO_PROXY_ENTRIES = NoProxyRules.MAX_ENTRIES;
    public static final int MAX_CA_CERT_PEM_LENGTH = 65536;
    /** A proxy pair, or a few more: a list longer than this is a mistake, and each entry costs a pool. */
    public static final int MAX_FALLBACK_URLS = 8;
    public static final int DEFAULT_FALLBACK_COOLDOWN_SECONDS = 60;
    public static final int MAX_FALLBACK_COOLDOWN_SECONDS = 86_400;

    public static final String URL_REQUIRED = "url_required";
    public static final String INVALID_TIMEOUT = "invalid_timeout";
    public static final String USERNAME_REQUIRED = "username_required";
    public static final String INVALID_USERNAME = "invalid_username";
    public static final String CONTROL_CHARACTERS = "control_characters";
    public static final String FIELD_TOO_LONG = "field_too_long";
    public static final String INVALID_CA_CERT = "invalid_ca_cert";
    public static final String INVALID_FALLBACK = "invalid_fallback";
    public static final String INVALID_FALLBACK_COOLDOWN = "invalid_fallback_cooldown";

    private static final String BEGIN = "-----BEGIN ";
    private static final String DASHES = "-----";

    private ProxyConfigRules() {}

    /** What checking parsed, kept so that a configuration is parsed once. */
    public record Parsed(Optional<ProxyEndpoint> endpoint, NoProxyRules noProxy) {
    }

    /**
     * @return the proxy address (empty when {@code url} is) and the no_proxy rules, as parsed
     * @throws InvalidFieldException for the first rule broken, fields in wire order
     */
    public static Parsed check(boolean enabled, ProxyType type, String url, String username, Secret password,
                             String noProxy, int timeoutSeconds, String caCertPem) {
        if (type == null) throw new InvalidFieldException("type", "invalid_proxy_type", "must be one of http, socks5, tcp");

        rejectControlCharacters("url", url, false);
        Optional<ProxyEndpoint> endpoint = url.isEmpty() ? Optional.empty() : Optional.of(ProxyUrl.parse(type, url));
        if (enabled && url.isEmpty()) {
            throw new InvalidFieldException("url", URL_REQUIRED,
                    "is required when the proxy is enabled; give an address such as http://proxy.corp:3128,"
                            + " or set enabled to false");
        }

        String secret = password.reveal();
        rejectControlCharacters("username", username, false);
        rejectTooLong("username", username, MAX_USERNAME_LENGTH);
        if (username.isEmpty() && !secret.isEmpty()) {
            throw new InvalidFieldException("username", USERNAME_REQUIRED,
                    "is required when a password is set; give the proxy user name, or clear the password");
        }
        if (type != ProxyType.SOCKS5 && username.indexOf(':') >= 0) {
            // RFC 7617: Basic credentials are "user:password"; a ':' in the user would split wrongly.
            throw new InvalidFieldException("username", INVALID_USERNAME,
                    "must not contain ':' for proxy type " + type.wireName()
                            + " (Basic proxy authentication separates user and password with ':')");
        }
        if (type == ProxyType.SOCKS5 && utf8Length(username) > MAX_SOCKS5_CREDENTIAL_BYTES) {
            throw new InvalidFieldException("username", FIELD_TOO_LONG,
                    "is longer than " + MAX_SOCKS5_CREDENTIAL_BYTES + " bytes (UTF-8), the most SOCKS5 can send");
        }

        if (containsControl(secret, false)) {
            throw new InvalidFieldException("password", CONTROL_CHARACTERS,
                    "contains a control character (such as a line break or tab); type the password without it");
        }
        if (secret.length() > MAX_PASSWORD_LENGTH) {
            throw new InvalidFieldException("password", FIELD_TOO_LONG,
                    "is longer than " + MAX_PASSWORD_LENGTH + " characters");
        }
        if (type == ProxyType.SOCKS5 && utf8Length(secret) > MAX_SOCKS5_CREDENTIAL_BYTES) {
            throw new InvalidFieldException("password", FIELD_TOO_LONG,
                    "is longer than " + MAX_SOCKS5_CREDENTIAL_BYTES + " bytes (UTF-8), the most SOCKS5 can send");
        }

        rejectControlCharacters("no_proxy", noProxy, false);
        NoProxyRules rules = NoProxyRules.parse(noProxy); // length, entry count and every entry

        if (timeoutSeconds < 0 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw new InvalidFieldException("timeout", INVALID_TIMEOUT,
                    "must be from 0 to " + MAX_TIMEOUT_SECONDS + " seconds (0 means the default, "
                            + ProxyConfig.DEFAULT_TIMEOUT_SECONDS + " s); got " + timeoutSeconds);
        }

        checkCaCertPem(caCertPem);
        return new Parsed(endpoint, rules);
    }

    /**
     * The rules of {@code fallback_urls} and {@code fallback_cooldown}, the last fields in wire
     * order: checked after {@link #check}, whose parsed {@code url} they extend.
     *
     * @param url the parsed url, empty when none
     * @return the url's address then each fallback's; empty when there is no url
     */
    public static Optional<ProxyList> proxies(ProxyType type, Optional<ProxyEndpoint> url, List<String> fallbackUrls,
                                              int cooldownSeconds) {
        List<ProxyEndpoint> inOrder = fallbacks(type, url, fallbackUrls);
        if (cooldownSeconds < 1 || cooldownSeconds > MAX_FALLBACK_COOLDOWN_SECONDS) {
            throw new InvalidFieldException("fallback_cooldown", INVALID_FALLBACK_COOLDOWN,
                    "must be from 1 to " + MAX_FALLBACK_COOLDOWN_SECONDS + " seconds (the default is "
                            + DEFAULT_FALLBACK_COOLDOWN_SECONDS + "); got " + cooldownSeconds);
        }
        return inOrder.isEmpty() ? Optional.empty() : Optional.of(new ProxyList(inOrder, cooldownSeconds));
    }

    /**
     * The url's address, then each fallback's: the same type as the url (so the same credentials
     * make sense), at most {@value #MAX_FALLBACK_URLS}, none twice. Empty when there is no url.
     */
    private static List<ProxyEndpoint> fallbacks(ProxyType type, Optional<ProxyEndpoint> primary, List<String> urls) {
        if (primary.isEmpty()) {
            if (urls.isEmpty()) return List.of();
            throw new InvalidFieldException("fallback_urls", INVALID_FALLBACK,
                    "needs a url to fall back from: set url, or empty this list");
        }
        if (urls.size() > MAX_FALLBACK_URLS) {
            throw new InvalidFieldException("fallback_urls", INVALID_FALLBACK,
                    "has " + urls.size() + " entries; at most " + MAX_FALLBACK_URLS + " are allowed");
        }
        List<ProxyEndpoint> inOrder = new ArrayList<>(List.of(primary.get()));
        for (int i = 0; i < urls.size(); i++) {
            String field = "fallback_urls[" + i + "]";
            String url = Objects.requireNonNull(urls.get(i), field);
            rejectControlCharacters(field, url, false);
            if (url.isEmpty()) {
                throw new InvalidFieldException(field, INVALID_FALLBACK, "is empty; give a proxy address or remove the entry");
            }
            ProxyEndpoint endpoint;
            try {
                endpoint = ProxyUrl.parse(type, url);
            } catch (InvalidFieldException e) {
                throw e.renamed(field);
            }
            int same = inOrder.indexOf(endpoint);
            if (same >= 0) {
                throw new InvalidFieldException(field, INVALID_FALLBACK, "is the same proxy as "
                        + (same == 0 ? "url" : "fallback_urls[" + (same - 1) + "]") + "; list each proxy once");
            }
            inOrder.add(endpoint);
        }
        return inOrder;
    }

    /**
     * A control character: C0 (U+0000..U+001F), DEL, C1 (U+0080..U+009F, NEL included) and the
     * Unicode line and paragraph separators. CR/LF in a credential would inject into the
     * {@code Proxy-Authorization} header; the others break log lines and terminals.
     */
    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029;
    }

    private static boolean containsControl(String value, boolean lineBreaksAllowed) {
        return firstControl(value, lineBreaksAllowed) >= 0;
    }

    private static int firstControl(String value, boolean lineBreaksAllowed) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isControl(c) && !(lineBreaksAllowed && (c == '\n' || c == '\r'))) return i;
        }
        return -1;
    }

    static void rejectControlCharacters(String field, String value, boolean lineBreaksAllowed) {
        int at = firstControl(value, lineBreaksAllowed);
        if (at >= 0) {
            throw new InvalidFieldException(field, CONTROL_CHARACTERS,
                    "contains the control character " + HostNames.printable(value.charAt(at)) + " at position "
                            + (at + 1) + (lineBreaksAllowed ? "; only line breaks are allowed here"
                            : "; remove line breaks, tabs and other control characters"));
        }
    }

    private static void rejectTooLong(String field, String value, int max) {
        if (value.length() > max) {
            throw new InvalidFieldException(field, FIELD_TOO_LONG,
                    "is " + value.length() + " characters long; at most " + max + " are allowed");
        }
    }

    private static int utf8Length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * One or more PEM {@code CERTIFICATE} blocks, each a real X.509 certificate. Text between
     * blocks (the comments of a CA bundle) is ignored; any other PEM block, a private key above
     * all, is refused without being quoted.
     */
    private static void checkCaCertPem(String pem) {
        if (pem.isEmpty()) return;
        rejectControlCharacters("ca_cert_pem", pem, true);
        rejectTooLong("ca_cert_pem", pem, MAX_CA_CERT_PEM_LENGTH);
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
        int count = 0;
        int at = 0;
        while (true) {
            int begin = pem.indexOf(BEGIN, at);
            if (begin < 0) break;
            int labelEnd = pem.indexOf(DASHES, begin + BEGIN.length());
            if (labelEnd < 0) throw badPem("a '-----BEGIN' line is not closed with '-----'");
            String label = pem.substring(begin + BEGIN.length(), labelEnd);
            if (!label.equals("CERTIFICATE")) {
                throw badPem(label.contains("PRIVATE KEY")
                        ? "contains a private key; paste only the CA certificate(s), never a key"
                        : "contains a '" + HostNames.quote(label) + "' block; only CERTIFICATE blocks are accepted");
            }
            count++;
            String end = "-----END CERTIFICATE-----";
            int bodyStart = labelEnd + DASHES.length();
            int endAt = pem.indexOf(end, bodyStart);
            if (endAt < 0) throw badPem("certificate " + count + " has no '" + end + "' line");
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(pem.substring(bodyStart, endAt).strip());
            } catch (IllegalArgumentException e) {
                throw badPem("certificate " + count + " is not valid base64");
            }
            try {
                factory.generateCertificate(new ByteArrayInputStream(der));
            } catch (CertificateException | RuntimeException e) {
                throw badPem("certificate " + count + " is not a valid X.509 certificate");
            }
            at = endAt + end.length();
        }
        if (count == 0) {
            throw badPem("has no '-----BEGIN CERTIFICATE-----' block; paste the CA certificate(s) in PEM form");
        }
    }

    private static InvalidFieldException badPem(String reason) {
        return new InvalidFieldException("ca_cert_pem", INVALID_CA_CERT, reason);
    }
}
