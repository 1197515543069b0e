package dev.faultline.metrics;

import dev.faultline.monitor.LatestResults;
import dev.faultline.schedule.ScheduleLag;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;

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
    private final Supplier<ScheduleLag.Snapshot> lag;
    private final TrendGauges trends;

    public MetricsEndpoint(LatestResults latest, CheckCounters counters, PrometheusMeterRegistry registry,
                           Supplier<ScheduleLag.Snapshot> lag) {
        this(latest, counters, registry, lag, new TrendGauges());
    }

    public MetricsEndpoint(LatestResults latest, CheckCounters counters, PrometheusMeterRegistry registry,
                           Supplier<ScheduleLag.Snapshot> lag, TrendGauges trends) {
        this.latest = latest;
        this.counters = counters;
        this.registry = registry;
        this.lag = lag;
        this.trends = trends;
    }

    public String scrape() {
        StringBuilder text = new StringBuilder(64 * 1024);
        PrometheusText out = new PrometheusText(text);
        ProbeMetrics.render(latest, out);
        counters.render(out);
        trends.render(out);
        lagHistogram(lag.get(), out);
        text.append(registry.scrape());
        return text.toString();
    }

    /** The scheduler's own buckets, as a Prometheus histogram: due time → start of each check. */
    private static void lagHistogram(ScheduleLag.Snapshot snapshot, PrometheusText out) {
        String name = "faultline_schedule_lag_seconds";
        out.header(name, "histogram", "Delay from a check's due time to its start (permits included).");
        for (ScheduleLag.Bucket bucket : snapshot.buckets()) {
            String le = bucket.upperBoundMillis() == Long.MAX_VALUE ? "+Inf" : Double.toString(bucket.upperBoundMillis() / 1000.0);
            out.sample(name + "_bucket", bucket.cumulativeCount(), "le", le);
        }
        out.sample(name + "_sum", snapshot.sumMillis() / 1000.0);
        out.sample(name + "_count", snapshot.count());
    }
}
