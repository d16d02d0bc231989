package org.proxyconfig.adapters.http.json;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The answer of {@code POST /api/proxy-config/test}; {@code probe} is left out unless a probe ran. */
@JsonbPropertyOrder({"route", "decidedBy", "proxy", "proxies", "probe"})
public final class DryRunView {

    public String route;
    public String decidedBy;
    public String proxy;
    /** The proxies in the order they are tried (url, then fallbacks); left out when direct. */
    public List<String> proxies;
    public ProbeView probe;

    /**
     * {@code {"ok":true,"status":200,"latency_ms":12}} or {@code {"ok":false,"error":…,"message":…,"latency_ms":…}};
     * through a proxy also {@code proxy_used}, and {@code set_aside} for the proxies passed over.
     */
    @JsonbPropertyOrder({"ok", "status", "error", "message", "latencyMs", "proxyUsed", "setAside"})
    public static final class ProbeView {
        public boolean ok;
        public Integer status;
        public String error;
        public String message;
        public long latencyMs;
        public String proxyUsed;
        public List<SetAsideView> setAside;
    }

    /** A proxy of the list that could not be used: {@code {"proxy","error","message"}}. */
    @JsonbPropertyOrder({"proxy", "error", "message"})
    public static final class SetAsideView {
        public String proxy;
        public String error;
        public String message;
    }
}
