package org.proxyconfig.adapters.http.json;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The answer of {@code POST /api/proxy-config/test}; {@code probe} is left out unless a probe ran. */
@JsonbPropertyOrder({"route", "decidedBy", "proxy", "probe"})
public final class DryRunView {

    public String route;
    public String decidedBy;
    public String proxy;
    public ProbeView probe;

    /** {@code {"ok":true,"status":200,"latency_ms":12}} or {@code {"ok":false,"error":…,"message":…,"latency_ms":…}}. */
    @JsonbPropertyOrder({"ok", "status", "error", "message", "latencyMs"})
    public static final class ProbeView {
        public boolean ok;
        public Integer status;
        public String error;
        public String message;
        public long latencyMs;
    }
}
