package dev.faultline.metrics;

import dev.faultline.check.CheckResult;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts checks by monitor, region, outcome, fault, cause and status code, so that 4xx rates can
 * be graphed per code. Kept as plain adders rather than meters: with tens of thousands of
 * monitors a meter object per series would cost more memory than the monitors themselves.
 */
public final class CheckCounters {

    record Series(String monitor, String region, String outcome, String fault, String cause, int status) {
    }

    private final Map<Series, LongAdder> counts = new ConcurrentHashMap<>();

    public void count(CheckResult result) {
        Series series = new Series(result.monitor(), result.region(), result.verdict().outcome().id(),
                result.verdict().fault().id(), result.verdict().cause().id(), result.status());
        counts.computeIfAbsent(series, s -> new LongAdder()).increment();
    }

    /** Drops the series of a monitor that no longer exists. */
    public void forget(String monitorId) {
        counts.keySet().removeIf(series -> series.monitor().equals(monitorId));
    }

    void render(PrometheusText out) {
        out.header("faultline_checks_total", "counter", "Checks run, by monitor, region, outcome, fault, cause and HTTP status (0: none).");
        counts.forEach((s, count) -> out.sample("faultline_checks_total", count.sum(),
                "monitor", s.monitor(), "region", s.region(), "outcome", s.outcome(), "fault", s.fault(),
                "cause", s.cause(), "status", Integer.toString(s.status())));
    }
}
