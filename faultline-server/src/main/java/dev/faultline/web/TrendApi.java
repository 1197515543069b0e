package dev.faultline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.anomaly.SeriesReader;
import dev.faultline.config.TrendSettings;
import dev.faultline.monitor.Monitor;
import dev.faultline.store.AnomalyRecord;
import dev.faultline.store.AnomalyRepository;
import dev.faultline.store.Rollups;
import dev.faultline.trend.Anomaly;
import dev.faultline.trend.Rates;
import dev.faultline.trend.Share;
import dev.faultline.trend.StatusClass;
import dev.faultline.trend.TrendBucket;
import dev.faultline.trend.TrendWindow;
import dev.faultline.trend.Trends;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/monitors/{id}/trends[?region=NAME]}: the share of checks in each status class and
 * code over the last hour, day and week (from rollups), over all regions or one, the anomalies
 * the detectors see in them right now, and the monitor's stored open anomalies (those of the
 * region asked for, or all of them).
 */
public final class TrendApi {

    private final MonitorApi monitors;
    private final SeriesReader series;
    private final AnomalyRepository anomalies;
    private final Clock clock;
    private final TrendSettings settings;
    private final ObjectMapper mapper;

    public TrendApi(MonitorApi monitors, Rollups rollups, AnomalyRepository anomalies, Clock clock, TrendSettings settings,
                    ObjectMapper mapper) {
        this.monitors = monitors;
        // At least the week the dashboard shows, and what the detectors compare.
        this.series = new SeriesReader(rollups, SeriesReader.DEFAULT_HISTORY);
        this.anomalies = anomalies;
        this.clock = clock;
        this.settings = settings;
        this.mapper = mapper;
    }

    void trends(Context ctx) {
        Monitor monitor = monitors.monitor(ctx);
        Optional<String> region = Optional.ofNullable(ctx.queryParam("region")).filter(r -> !r.isBlank());
        Instant now = clock.instant();
        Map<String, List<TrendBucket>> byRegion = series.read(monitor.id(), now);
        List<TrendBucket> buckets = region.map(r -> byRegion.getOrDefault(r, List.of()))
                .orElseGet(() -> SeriesReader.allRegions(byRegion));

        Map<String, Object> windows = new LinkedHashMap<>();
        for (TrendWindow window : TrendWindow.values()) {
            windows.put(window.id(), view(Rates.over(buckets, window.endingAt(now.plusSeconds(60)))));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("monitor", monitor.id());
        body.put("region", region.orElse(AnomalyRecord.ALL_REGIONS));
        body.put("as_of", now.toString());
        body.put("windows", windows);
        body.put("anomalies", Trends.anomalies(settings.thresholds(), buckets, monitor.spec().expect(), now).stream()
                .filter(a -> settings.enabled(a.kind()))
                .map(a -> view(a.withSeverity(settings.severity(a.kind())))).toList());
        body.put("open_anomalies", anomalies.open(monitor.id()).stream()
                .filter(a -> region.isEmpty() || a.region().equals(region.get()) || a.region().equals(AnomalyRecord.ALL_REGIONS))
                .map(a -> AnomalyApi.view(mapper, a)).toList());
        ctx.json(body);
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
