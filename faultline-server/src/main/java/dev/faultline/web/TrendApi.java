package dev.faultline.web;

import dev.faultline.monitor.Monitor;
import dev.faultline.store.Resolution;
import dev.faultline.store.Rollup;
import dev.faultline.store.Rollups;
import dev.faultline.trend.Anomaly;
import dev.faultline.trend.Rates;
import dev.faultline.trend.Share;
import dev.faultline.trend.StatusClass;
import dev.faultline.trend.TrendBucket;
import dev.faultline.trend.TrendThresholds;
import dev.faultline.trend.TrendWindow;
import dev.faultline.trend.Trends;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/monitors/{id}/trends[?region=NAME]}: the share of checks in each status class and
 * code over the last hour, day and week (from rollups), over all regions or one, and the
 * anomalies the detectors see in them.
 */
public final class TrendApi {

    // The detectors compare the last day with the week before it.
    private static final Duration HISTORY = Duration.ofDays(8);

    private final MonitorApi monitors;
    private final Rollups rollups;
    private final Clock clock;
    private final TrendThresholds thresholds;

    public TrendApi(MonitorApi monitors, Rollups rollups, Clock clock, TrendThresholds thresholds) {
        this.monitors = monitors;
        this.rollups = rollups;
        this.clock = clock;
        this.thresholds = thresholds;
    }

    void trends(Context ctx) {
        Monitor monitor = monitors.monitor(ctx);
        Optional<String> region = Optional.ofNullable(ctx.queryParam("region")).filter(r -> !r.isBlank());
        Instant now = clock.instant();
        // Hours for the long view, minutes for the hour that is still going on.
        Instant thisHour = now.truncatedTo(ChronoUnit.HOURS);
        List<TrendBucket> series = new java.util.ArrayList<>(
                buckets(rollups.series(monitor.id(), Resolution.HOUR, thisHour.minus(HISTORY), thisHour, region), Resolution.HOUR));
        series.addAll(buckets(rollups.series(monitor.id(), Resolution.MINUTE, thisHour, now.plusSeconds(60), region),
                Resolution.MINUTE));

        Map<String, Object> windows = new LinkedHashMap<>();
        for (TrendWindow window : TrendWindow.values()) {
            windows.put(window.id(), view(Rates.over(series, window.endingAt(now.plusSeconds(60)))));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("monitor", monitor.id());
        body.put("region", region.orElse("all"));
        body.put("as_of", now.toString());
        body.put("windows", windows);
        body.put("anomalies", Trends.anomalies(thresholds, series, monitor.spec().expect(), now).stream().map(TrendApi::view).toList());
        ctx.json(body);
    }

    public static List<TrendBucket> buckets(List<Rollup> rollups, Resolution resolution) {
        return rollups.stream().map(r -> {
            Map<Integer, Long> counts = new HashMap<>(r.statuses());
            long answered = r.statuses().values().stream().mapToLong(Long::longValue).sum();
            // Checks without an HTTP answer count under status 0.
            if (r.checks() > answered) counts.put(0, r.checks() - answered);
            return new TrendBucket(r.start(), resolution.length(), counts);
        }).toList();
    }

    private static Map<String, Object> view(Rates rates) {
        Map<String, Object> classes = new LinkedHashMap<>();
        for (StatusClass statusClass : StatusClass.values()) {
            Share share = rates.of(statusClass);
            if (share.count() > 0) classes.put(statusClass.id(), share(share));
        }
        Map<String, Object> codes = new LinkedHashMap<>();
        rates.byCode().forEach((code, share) -> codes.put(Integer.toString(code), share(share)));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("checks", rates.total());
        view.put("classes", classes);
        view.put("codes", codes);
        return view;
    }

    private static Map<String, Object> share(Share share) {
        return Map.of("count", share.count(), "percent", Math.round(share.fraction() * 10_000) / 100.0);
    }

    private static Map<String, Object> view(Anomaly anomaly) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("kind", anomaly.kind().id());
        view.put("severity", anomaly.severity().id());
        view.put("current", anomaly.current().toString());
        view.put("baseline", anomaly.baseline().toString());
        view.put("summary", anomaly.summary());
        view.put("likely_causes", anomaly.likelyCauses());
        view.put("next_step", anomaly.nextStep());
        return view;
    }
}
