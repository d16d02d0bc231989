package org.proxyconfig.adapters.http.tls;

/** The settings naming the three files the API's TLS is made of, for messages that say which one is wrong. */
enum TlsSetting {
    CERTIFICATE("PROXY_CONFIG_TLS_CERT"),
    PRIVATE_KEY("PROXY_CONFIG_TLS_KEY"),
    CLIENT_CA("PROXY_CONFIG_TLS_CLIENT_CA");

    private final String variable;

    TlsSetting(String variable) {
        this.variable = variable;
    }

    String variable() {
        return variable;
    }
}
