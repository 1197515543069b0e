package dev.faultline.web.pages;

import dev.faultline.check.Advice;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Diagnosis;
import dev.faultline.json.MonitorJson;
import dev.faultline.maintenance.MaintenanceCalendar;
import dev.faultline.monitor.LatestResults;
import dev.faultline.monitor.MaintenanceRegistry;
import dev.faultline.monitor.Monitor;
import dev.faultline.monitor.MonitorRegistry;
import dev.faultline.monitor.Revised;
import dev.faultline.store.BlipRecord;
import dev.faultline.store.IncidentRecord;
import dev.faultline.store.Resolution;
import dev.faultline.store.Rollup;
import dev.faultline.store.Store;
import dev.faultline.trend.Anomaly;
import dev.faultline.trend.CdnFinding;
import dev.faultline.trend.Rates;
import dev.faultline.trend.StatusClass;
import dev.faultline.trend.TrendBucket;
import dev.faultline.trend.TrendThresholds;
import dev.faultline.trend.TrendWindow;
import dev.faultline.trend.Trends;
import dev.faultline.anomaly.SeriesReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** One monitor: its state and diagnosis, charts over a chosen range, trend, regions, timeline and spec. */
public final class MonitorPage {

    /** The ranges a person can pick: minute rollups up to a day, hour rollups beyond (kept long after raw results). */
    public enum Range {
        HOUR("1h", Duration.ofHours(1), Resolution.MINUTE, 60),
        DAY("24h", Duration.ofHours(24), Resolution.MINUTE, 96),
        WEEK("7d", Duration.ofDays(7), Resolution.HOUR, 84),
        MONTH("30d", Duration.ofDays(30), Resolution.HOUR, 90),
        QUARTER("90d", Duration.ofDays(90), Resolution.HOUR, 90);

        private final String id;
        private final Duration span;
        private final Resolution resolution;
        private final int slots;

        Range(String id, Duration span, Resolution resolution, int slots) {
            this.id = id;
            this.span = span;
            this.resolution = resolution;
            this.slots = slots;
        }

        public String id() {
            return id;
        }

        static Range of(String id) {
            return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst().orElse(DAY);
        }
    }

    public record RegionRow(String region, State state, String cause, String checked, String ms) {
    }

    /** An incident or a blip, with what it means. */
    public record Event(Instant at, String kind, String when, String duration, String cause, String fault, String headline,
                       String nextStep, long incidentId, boolean open) {
    }

    public record TrendRow(String window, long checks, String share4xx, String share5xx) {
    }

    /** {@code revision}: what the page shows is the monitor at this revision (the delete form sends it back); empty for the file's. */
    public record Model(String id, String name, boolean readOnly, String revision, State state, String url, Optional<Diagnosis> diagnosis,
                        String checked, String downSince, Range range, List<Range> ranges, Chart phases, Chart statuses,
                        List<Map.Entry<Integer, Long>> codes, List<TrendRow> trends, List<Anomaly> anomalies,
                        List<RegionRow> regions, List<Event> timeline, List<Map.Entry<String, String>> spec,
                        List<Overview.Finding> cdnFindings) {
    }

    private final MonitorRegistry registry;
    private final LatestResults latest;
    private final MaintenanceRegistry maintenance;
    private final Store store;
    private final Clock clock;
    private final TrendThresholds thresholds;
    private final Supplier<List<CdnFinding>> cdnFindings;

    MonitorPage(MonitorRegistry registry, LatestResults latest, MaintenanceRegistry maintenance, Store store, Clock clock,
                TrendThresholds thresholds, Supplier<List<CdnFinding>> cdnFindings) {
        this.cdnFindings = cdnFindings;
        this.registry = registry;
        this.latest = latest;
        this.maintenance = maintenance;
        this.store = store;
        this.clock = clock;
        this.thresholds = thresholds;
    }

    /** {@code rangeId} as asked for, or when none was, the day (or the hour for a monitor younger than that). */
    Model build(Revised revised, Optional<String> rangeId) {
        Monitor monitor = revised.monitor();
        Instant now = clock.instant();
        Range range = rangeId.map(Range::of).orElseGet(() -> defaultRange(monitor, now));
        MaintenanceCalendar calendar = maintenance.calendar();
        Optional<CheckResult> last = latest.latest(monitor.id());
        State state = State.of(monitor, registry.isPaused(monitor.id()), last, calendar, now);

        Instant end = now.truncatedTo(range.resolution == Resolution.MINUTE ? ChronoUnit.MINUTES : ChronoUnit.HOURS)
                .plus(range.resolution.length());
        Instant from = end.minus(range.span);
        Duration width = range.span.dividedBy(range.slots);
        var slots = MonitorCharts.slots(store.rollups().series(monitor.id(), range.resolution, from, end), from, width, range.slots);
        String startLabel = Text.stamp(from);
        String endLabel = Text.stamp(end);
        Chart phases = MonitorCharts.phases(slots, store.results().phases(monitor.id(), from, end, range.slots), from, width,
                startLabel, endLabel);
        Chart statuses = MonitorCharts.statuses(slots, startLabel, endLabel);
        Map<Integer, Long> codes = new java.util.TreeMap<>();
        slots.forEach(s -> s.statuses.forEach((c, n) -> codes.merge(c, n, Long::sum)));

        List<Map.Entry<String, String>> spec = new ArrayList<>();
        MonitorJson json = MonitorJson.of(monitor);
        spec.add(Map.entry("URL", json.url()));
        spec.add(Map.entry("Method", json.method()));
        spec.add(Map.entry("Interval", json.interval()));
        spec.add(Map.entry("Timeout", json.timeout()));
        spec.add(Map.entry("Expected status", monitor.spec().expect().toString()));
        monitor.spec().assertions().forEach(a -> spec.add(Map.entry("Assertion", a.toString())));
        monitor.spec().maxResponseTime().ifPresent(d -> spec.add(Map.entry("Max response time", Text.millis(d))));
        spec.add(Map.entry("Follow redirects", Boolean.toString(monitor.spec().followRedirects())));
        spec.add(Map.entry("Regions", String.join(", ", monitor.regions())));
        spec.add(Map.entry("Channels", monitor.channels().isEmpty() ? "all (by severity)" : String.join(", ", monitor.channels())));
        spec.add(Map.entry("Tags", String.join(", ", monitor.tags())));
        spec.add(Map.entry("Defined in", monitor.source() == Monitor.Source.CONFIG ? "the config file" : "the API or this dashboard"));

        return new Model(monitor.id(), monitor.name(), monitor.source() == Monitor.Source.CONFIG,
                revised.revision().isPresent() ? Long.toString(revised.revision().getAsLong()) : "", state,
                monitor.spec().url().toString(), last.map(Diagnosis::of), last.map(r -> Text.ago(r.startedAt(), now)).orElse("never"),
                store.incidents().openFor(monitor.id()).stream().findFirst().map(i -> "Down since " + Text.stamp(i.startedAt())
                        + " (" + Text.span(Duration.between(i.startedAt(), now)) + "), incident #" + i.id()).orElse(""),
                range, List.of(Range.values()), phases, statuses, List.copyOf(codes.entrySet()), trends(monitor, now),
                anomalies(monitor, now), regions(monitor, now), timeline(monitor.id(), now), spec,
                cdnFindings.get().stream().filter(f -> monitor.name().equals(f.edge()) || f.origin().equals(Optional.of(monitor.name())))
                        .map(f -> Overview.Finding.of(f, now)).toList());
    }

    // A day of a monitor that has checked only for minutes is one thin bar at the right edge of
    // every chart: a newcomer (the demo) reads it as "no data". Such a monitor opens on the hour.
    private Range defaultRange(Monitor monitor, Instant now) {
        List<Rollup> day = store.rollups().series(monitor.id(), Resolution.MINUTE, now.minus(Range.DAY.span), now.plusSeconds(60));
        boolean young = !day.isEmpty() && !day.getFirst().start().isBefore(now.minus(Range.HOUR.span));
        return young ? Range.HOUR : Range.DAY;
    }

    // The same series the API's trends and the anomaly detectors read: the last full hour minute by minute.
    private List<TrendBucket> trendSeries(Monitor monitor, Instant now) {
        return SeriesReader.allRegions(new SeriesReader(store.rollups(), SeriesReader.DEFAULT_HISTORY).read(monitor.id(), now));
    }

    private List<TrendRow> trends(Monitor monitor, Instant now) {
        List<TrendBucket> series = trendSeries(monitor, now);
        List<TrendRow> rows = new ArrayList<>();
        for (TrendWindow window : TrendWindow.values()) {
            Rates rates = Rates.over(series, window.endingAt(now.plusSeconds(60)));
            rows.add(new TrendRow(window.id(), rates.total(), share(rates, StatusClass.CLIENT_ERROR), share(rates, StatusClass.SERVER_ERROR)));
        }
        return rows;
    }

    private List<Anomaly> anomalies(Monitor monitor, Instant now) {
        return Trends.anomalies(thresholds, trendSeries(monitor, now), monitor.spec().expect(), now);
    }

    private static String share(Rates rates, StatusClass statusClass) {
        return rates.total() == 0 ? "—" : Text.percent(rates.of(statusClass).fraction() * 100);
    }

    private List<RegionRow> regions(Monitor monitor, Instant now) {
        Map<String, CheckResult> byRegion = latest.byRegion(monitor.id());
        List<RegionRow> rows = new ArrayList<>();
        for (String region : monitor.regions()) {
            CheckResult r = byRegion.get(region);
            if (r == null) {
                rows.add(new RegionRow(region, State.PENDING, "", "never", "—"));
            } else {
                State s = switch (r.verdict().outcome()) {
                    case UP -> State.UP;
                    case DEGRADED -> State.DEGRADED;
                    case DOWN -> State.DOWN;
                };
                rows.add(new RegionRow(region, s, r.verdict().cause().id(), Text.ago(r.startedAt(), now),
                        r.hasStatus() ? Text.millis(r.timings().total()) : "—"));
            }
        }
        return rows;
    }

    private List<Event> timeline(String monitorId, Instant now) {
        List<Event> events = new ArrayList<>();
        for (IncidentRecord i : store.incidents().forMonitor(monitorId, 20)) {
            Advice advice = Advice.of(i.cause());
            Duration lasted = Duration.between(i.startedAt(), i.recoveredAt().or(i::resolvedAt).orElse(now));
            events.add(new Event(i.startedAt(), "incident", Text.stamp(i.startedAt()),
                    (i.state() == IncidentRecord.State.OPEN ? "ongoing, " : "") + Text.span(lasted), i.cause().id(), i.fault().id(),
                    advice.headline(), advice.nextStep(), i.id(), i.state() == IncidentRecord.State.OPEN));
        }
        for (BlipRecord b : store.blips().recent(monitorId, 20, Optional.empty())) {
            String causes = b.blip().failuresByRegion().values().stream().flatMap(List::stream).map(c -> c.id()).distinct()
                    .collect(Collectors.joining(", "));
            var first = b.blip().failuresByRegion().values().stream().flatMap(List::stream).findFirst();
            events.add(new Event(b.blip().startedAt(), "blip", Text.stamp(b.blip().startedAt()), Text.span(b.blip().failingFor()),
                    causes, first.map(c -> c.fault().id()).orElse(""),
                    "Brief failure, not confirmed" + first.map(c -> ": " + Advice.of(c).headline()).orElse(""),
                    first.map(c -> Advice.of(c).nextStep()).orElse(""), 0, false));
        }
        events.sort(Comparator.comparing(Event::at).reversed());
        return events.size() > 30 ? events.subList(0, 30) : events;
    }
}
