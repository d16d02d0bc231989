package org.proxyconfig.adapters.http.json;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.proxyconfig.adapters.http.metrics.Labels;
import org.proxyconfig.adapters.http.metrics.TrafficLog;
import org.proxyconfig.domain.RouteDecision;

/**
 * The body of {@code GET /api/traffic} (docs/openapi.yaml, docs/metrics.md): the traffic log in
 * the API's words. It holds counts, kinds, times and one host per purpose; never a URL, a port, a
 * proxy address or a credential.
 */
@JsonbPropertyOrder({"at", "since", "bucketSeconds", "windowStart", "purposes"})
public final class TrafficView {

    public String at;
    public String since;
    public long bucketSeconds;
    /** The start of the first bucket of every {@code recent} array. */
    public String windowStart;
    public List<PurposeView> purposes;

    /** One purpose. */
    @JsonbPropertyOrder({"purpose", "proxy", "direct", "directBy", "failures", "lastProxyFailure", "recent"})
    public static final class PurposeView {
        public String purpose;
        public long proxy;
        public long direct;
        /** Direct requests by the rule that sent them direct, the rules that did so only. */
        public Map<String, Long> directBy;
        /** Failed requests (either route) by kind, the kinds that happened only. */
        public Map<String, Long> failures;
        /** Absent until a request on the proxy route has failed. */
        public FailureView lastProxyFailure;
        public RecentView recent;
    }

    @JsonbPropertyOrder({"kind", "at", "host"})
    public static final class FailureView {
        public String kind;
        public String at;
        public String host;
    }

    /** Counts per bucket, oldest first; the last is the bucket in progress. */
    @JsonbPropertyOrder({"proxy", "direct", "failed"})
    public static final class RecentView {
        public long[] proxy;
        public long[] direct;
        public long[] failed;
    }

    public static TrafficView of(TrafficLog.Snapshot snapshot) {
        TrafficView view = new TrafficView();
        view.at = snapshot.at().toString();
        view.since = snapshot.since().toString();
        view.bucketSeconds = TrafficLog.BUCKET.toSeconds();
        view.windowStart = snapshot.windowStart().toString();
        view.purposes = snapshot.purposes().stream().map(TrafficView::purpose).toList();
        return view;
    }

    private static PurposeView purpose(TrafficLog.PurposeTraffic traffic) {
        PurposeView view = new PurposeView();
        view.purpose = traffic.purpose().wireName();
        view.proxy = traffic.proxy();
        view.direct = traffic.direct();
        view.directBy = new LinkedHashMap<>();
        traffic.byRule().forEach((rule, n) -> {
            if (rule != RouteDecision.DecidedBy.PROXY_FOR_PURPOSE && n > 0) view.directBy.put(Labels.decidedBy(rule), n);
        });
        view.failures = new LinkedHashMap<>();
        traffic.failures().forEach((kind, n) -> {
            if (n > 0) view.failures.put(Labels.kind(kind), n);
        });
        view.lastProxyFailure = traffic.lastProxyFailure().map(f -> {
            FailureView failure = new FailureView();
            failure.kind = Labels.kind(f.kind());
            failure.at = f.at().toString();
            failure.host = f.host();
            return failure;
        }).orElse(null);
        view.recent = new RecentView();
        view.recent.proxy = traffic.recentProxy();
        view.recent.direct = traffic.recentDirect();
        view.recent.failed = traffic.recentFailed();
        return view;
    }
}
