package org.proxyconfig.adapters.http.json;

import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyConfigDraft;

/**
 * The body of {@code PUT /api/proxy-config} as bound by JSON-B. A missing or {@code null} field
 * stays {@code null} here and becomes its SPEC §1 default in {@link #toDraft()}.
 */
public final class ProxyConfigBody {

    public Boolean enabled;
    public String type;
    public String url;
    public String username;
    public String password;
    public String noProxy;
    public Long timeout;
    public Boolean skipTlsVerify;
    public Boolean enableForScim;
    public Boolean enableForInference;
    public Boolean enableForApi;
    public String caCertPem;

    public ProxyConfigDraft toDraft() {
        ProxyConfigDraft d = ProxyConfigDraft.of(ProxyConfig.DEFAULTS);
        return new ProxyConfigDraft(
                or(enabled, d.enabled()), or(type, d.type()), or(url, d.url()), or(username, d.username()),
                or(password, d.password()), or(noProxy, d.noProxy()), or(timeout, d.timeout()),
                or(skipTlsVerify, d.skipTlsVerify()), or(enableForScim, d.enableForScim()),
                or(enableForInference, d.enableForInference()), or(enableForApi, d.enableForApi()),
                or(caCertPem, d.caCertPem()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
