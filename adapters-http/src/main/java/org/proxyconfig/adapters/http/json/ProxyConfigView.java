package org.proxyconfig.adapters.http.json;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.proxyconfig.domain.ProxyConfig;

/** The body of {@code GET /api/proxy-config}: every field, the password redacted. */
@JsonbPropertyOrder({"enabled", "type", "url", "username", "password", "noProxy", "timeout",
        "skipTlsVerify", "enableForScim", "enableForInference", "enableForApi", "caCertPem"})
public final class ProxyConfigView {

    public boolean enabled;
    public String type;
    public String url;
    public String username;
    public String password;
    public String noProxy;
    public int timeout;
    public boolean skipTlsVerify;
    public boolean enableForScim;
    public boolean enableForInference;
    public boolean enableForApi;
    public String caCertPem;

    public static ProxyConfigView of(ProxyConfig config) {
        ProxyConfigView v = new ProxyConfigView();
        v.enabled = config.enabled();
        v.type = config.type().wireName();
        v.url = config.url();
        v.username = config.username();
        v.password = config.password().redacted();
        v.noProxy = config.noProxy();
        v.timeout = config.timeoutSeconds();
        v.skipTlsVerify = config.skipTlsVerify();
        v.enableForScim = config.enableForScim();
        v.enableForInference = config.enableForInference();
        v.enableForApi = config.enableForApi();
        v.caCertPem = config.caCertPem();
        return v;
    }
}
