package org.proxyconfig.domain;

/** The proxy protocol (docs/using-the-proxy.md). */
public enum ProxyType {
    HTTP("http"), SOCKS5("socks5"), TCP("tcp");

    private final String wireName;

    ProxyType(String wireName) { this.wireName = wireName; }

    /** The name used on the wire and in storage. */
    public String wireName() { return wireName; }

    /** Parses a wire name; anything but the three names is refused, naming field {@code type}. */
    public static ProxyType fromWire(String name) {
        for (ProxyType t : values()) {
            if (t.wireName.equals(name)) return t;
        }
        throw new InvalidFieldException("type", "invalid_proxy_type",
                "must be one of http, socks5, tcp");
    }
}
