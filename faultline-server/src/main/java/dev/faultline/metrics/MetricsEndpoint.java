package dev.faultline.metrics;

import dev.faultline.monitor.LatestResults;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Everything {@code /metrics} shows: the probe gauges and check counters kept by Faultline
 * itself, then the server's own meters (schedule lag, store writes, in-flight checks) from
 * Micrometer's Prometheus registry.
 */
public final class MetricsEndpoint {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final LatestResults latest;
    private final CheckCounters counters;
    private final PrometheusMeterRegistry registry;

    public MetricsEndpoint(LatestResults latest, CheckCounters counters, PrometheusMeterRegistry registry) {
        this.latest = latest;
        this.counters = counters;
        this.registry = registry;
    }

    public String scrape() {
        StringBuilder text = new StringBuilder(64 * 1024);
        PrometheusText out = new PrometheusText(text);
        ProbeMetrics.render(latest, out);
        counters.render(out);
        text.append(registry.scrape());
        return text.toString();
    }
}
