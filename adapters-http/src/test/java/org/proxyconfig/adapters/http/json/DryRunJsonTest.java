package org.proxyconfig.adapters.http.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.application.ProbeResult;
import org.proxyconfig.application.port.in.DryRunResult;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.Purpose;

/**
 * The dry run's {@code probe.error} values are those of docs/openapi.yaml, whatever the shared
 * {@link EgressFailure} constants are called: renaming one must fail here, not change the API.
 */
class DryRunJsonTest {

    @ParameterizedTest(name = "{0} is written as \"{1}\"")
    @CsvSource({
            "PROXY_AUTH_REQUIRED, proxy_auth_required",
            "PROXY_REFUSED, proxy_refused",
            "SOCKS_AUTH_REJECTED, socks_auth_rejected",
            "TLS_FAILURE, tls_failure",
            "TIMEOUT, timeout",
            "CONNECT_FAILED, connect_failed",
            "UNKNOWN_HOST, unknown_host",
            "UPSTREAM_ERROR, upstream_error"})
    void aFailedProbeIsWrittenWithTheErrorOfTheApi(EgressFailure failure, String wire) {
        var decision = ProxyRouter.compile(ProxyConfig.DEFAULTS).decide(Purpose.API, "api.example.com", 443);

        String json = DryRunJson.write(new DryRunResult(decision,
                Optional.of(new ProbeResult.Failed(failure, "what happened", 5))));

        assertThat(json).contains("\"ok\":false", "\"error\":\"" + wire + "\"", "\"message\":\"what happened\"",
                "\"latency_ms\":5");
    }
}
