package org.proxyconfig.domain;

/** What an outbound request is for; each purpose has its own switch in the configuration. */
public enum Purpose {
    SCIM("scim"), INFERENCE("inference"), API("api");

    private final String wireName;

    Purpose(String wireName) { this.wireName = wireName; }

    public String wireName() { return wireName; }

    public static Purpose fromWire(String name) {
        for (Purpose p : values()) {
            if (p.wireName.equals(name)) return p;
        }
        throw new InvalidFieldException("purpose", "invalid_purpose",
                "must be one of scim, inference, api");
    }
}
