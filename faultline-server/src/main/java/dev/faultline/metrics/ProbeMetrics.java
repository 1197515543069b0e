package dev.faultline.metrics;

import dev.faultline.check.CheckResult;
import dev.faultline.check.Outcome;
import dev.faultline.check.PhaseTimings;
import dev.faultline.monitor.LatestResults;
import java.time.Duration;
import java.util.Map;

/**
 * The newest result of every monitor and region under blackbox_exporter's names
 * ({@code probe_success}, {@code probe_http_status_code}, {@code probe_http_duration_seconds}
 * with its phases), so that dashboards built for blackbox_exporter work unchanged.
 */
final class ProbeMetrics {

    private ProbeMetrics() {
    }

    static void render(LatestResults latest, PrometheusText out) {
        Map<String, Map<String, CheckResult>> all = latest.all();
        out.header("probe_success", "gauge", "Whether the newest check succeeded (up or degraded: 1).");
        each(all, (r, labels) -> out.sample("probe_success", r.verdict().outcome() == Outcome.DOWN ? 0 : 1, labels));
        out.header("probe_http_status_code", "gauge", "HTTP status of the newest check's final answer (0: none).");
        each(all, (r, labels) -> out.sample("probe_http_status_code", r.status(), labels));
        out.header("probe_duration_seconds", "gauge", "How long the newest check took in all.");
        each(all, (r, labels) -> out.sample("probe_duration_seconds", seconds(r.timings().total()), labels));
        out.header("probe_http_duration_seconds", "gauge", "The newest check's time in each phase, named as blackbox_exporter names them.");
        each(all, (r, labels) -> phases(r.timings(), labels, out));
        out.header("probe_ssl_earliest_cert_expiry", "gauge", "When the newest check's server certificate ends, in Unix seconds.");
        each(all, (r, labels) -> r.certificateNotAfter().ifPresent(end ->
                out.sample("probe_ssl_earliest_cert_expiry", end.getEpochSecond(), labels)));
    }

    private static void phases(PhaseTimings t, String[] labels, PrometheusText out) {
        Duration dns = t.dns().orElse(Duration.ZERO);
        Duration connect = t.connect().orElse(Duration.ZERO);
        Duration tls = t.tls().orElse(Duration.ZERO);
        Duration processing = t.firstByte().orElse(Duration.ZERO);
        // What is left after the first byte: reading the body (and, with redirects, the hops before).
        Duration transfer = t.total().minus(dns).minus(connect).minus(tls).minus(processing);
        phase(out, labels, "resolve", dns);
        phase(out, labels, "connect", connect);
        phase(out, labels, "tls", tls);
        phase(out, labels, "processing", processing);
        phase(out, labels, "transfer", transfer.isNegative() ? Duration.ZERO : transfer);
    }

    private static void phase(PrometheusText out, String[] labels, String phase, Duration duration) {
        out.sample("probe_http_duration_seconds", seconds(duration), with(labels, phase));
    }

    private static String[] with(String[] labels, String phase) {
        String[] all = java.util.Arrays.copyOf(labels, labels.length + 2);
        all[labels.length] = "phase";
        all[labels.length + 1] = phase;
        return all;
    }

    private interface Sampler {
        void sample(CheckResult result, String[] labels);
    }

    private static void each(Map<String, Map<String, CheckResult>> all, Sampler sampler) {
        all.forEach((monitor, regions) -> regions.forEach((region, result) ->
                sampler.sample(result, new String[] {"monitor", monitor, "region", region})));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
