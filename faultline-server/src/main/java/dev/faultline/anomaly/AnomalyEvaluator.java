package dev.faultline.anomaly;

import dev.faultline.config.TrendSettings;
import dev.faultline.metrics.TrendGauges;
import dev.faultline.monitor.Monitor;
import dev.faultline.store.AnomalyRecord;
import dev.faultline.store.AnomalyRepository;
import dev.faultline.store.Store;
import dev.faultline.trend.Anomaly;
import dev.faultline.trend.Detector;
import dev.faultline.trend.Rates;
import dev.faultline.trend.TrendBucket;
import dev.faultline.trend.TrendWindow;
import dev.faultline.trend.Trends;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the trend detectors' findings into stored anomalies. A pass reads every monitor's rollups
 * (in chunks, two queries each), runs the detectors over all its regions together and, when it
 * has several, over each region, and then:
 * <ul>
 *   <li>a new finding opens an anomaly; a warning one is announced to the monitor's warning
 *       channels in the same transaction (info ones are for the dashboard and the digest);</li>
 *   <li>a finding already open updates its figures and when it was last seen;</li>
 *   <li>an open anomaly not found for {@link TrendSettings#clearAfter()} is resolved, and one of a
 *       monitor that is gone at once.</li>
 * </ul>
 * A region's own anomaly is kept only when all regions together do not show the same kind, so
 * that one pattern seen everywhere is one anomaly, not one per region. Anomalies never open
 * incidents and never page. The open anomalies are read from the store on every pass, so a
 * restart neither duplicates nor loses them (the schema allows one open per key anyway).
 */
public final class AnomalyEvaluator {

    private static final Logger log = LoggerFactory.getLogger(AnomalyEvaluator.class);

    /** Monitors read and judged together: one pair of queries each. */
    static final int CHUNK = 250;
    // The gauges' window ends with the minute under way, as the trends API's does.
    private static final TrendWindow LAST_HOUR = TrendWindow.HOUR;
    private static final Duration MINUTE = Duration.ofMinutes(1);

    /**
     * What one pass did.
     *
     * @param reading the part of {@code took} spent reading rollups
     */
    public record Pass(int monitors, int opened, int seen, int resolved, Duration took, Duration reading) {
    }

    private final Store store;
    private final AnomalyRepository anomalies;
    private final Supplier<Collection<Monitor>> monitors;
    private final TrendSettings settings;
    private final AnomalyAlerts alerts;
    private final Clock clock;
    private final SeriesCache series;
    private final TrendGauges gauges;

    /** @param gauges where each pass leaves every monitor's last-hour rates for {@code /metrics} */
    public AnomalyEvaluator(Store store, Supplier<Collection<Monitor>> monitors, TrendSettings settings, AnomalyAlerts alerts,
                            TrendGauges gauges, Clock clock) {
        this.store = store;
        this.anomalies = store.anomalies();
        this.monitors = monitors;
        this.settings = settings;
        this.alerts = alerts;
        this.clock = clock;
        this.series = new SeriesCache(store.rollups(), history(settings));
        this.gauges = gauges;
    }

    /** One pass over every monitor, at once. */
    public Pass evaluate() {
        return evaluate(Duration.ZERO);
    }

    /**
     * One pass over every monitor, pausing {@code betweenChunks} after each chunk so that the
     * reads are spread out rather than all at once.
     */
    public Pass evaluate(Duration betweenChunks) {
        long started = System.nanoTime();
        // The whole pass judges the series as they are at its start, however long its chunks are spread.
        Instant now = clock.instant();
        List<Monitor> all = List.copyOf(monitors.get());
        Map<String, Map<Finding.Key, AnomalyRecord>> open = new HashMap<>();
        anomalies.open().forEach(a -> open.computeIfAbsent(a.monitorId(), m -> new HashMap<>())
                .put(new Finding.Key(a.monitorId(), a.region(), a.kind()), a));
        int[] counts = new int[3];
        long reading = System.nanoTime();
        Set<String> ids = new HashSet<>();
        all.forEach(m -> ids.add(m.id()));
        series.advance(now, ids);
        reading = System.nanoTime() - reading;
        for (int from = 0; from < all.size(); from += CHUNK) {
            if (from > 0 && betweenChunks.isPositive()) pause(betweenChunks);
            List<Monitor> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            long readStart = System.nanoTime();
            Map<String, Map<String, List<TrendBucket>>> read = series.read(chunk.stream().map(Monitor::id).toList(), now);
            reading += System.nanoTime() - readStart;
            for (Monitor monitor : chunk) {
                // One monitor's failure (its store write, a detector) must not cost the others their pass.
                try {
                    Map<String, List<TrendBucket>> byRegion = read.getOrDefault(monitor.id(), Map.of());
                    Map<String, Rates> lastHour = new HashMap<>();
                    byRegion.forEach((region, buckets) -> lastHour.put(region, Rates.over(buckets, LAST_HOUR.endingAt(now.plus(MINUTE)))));
                    gauges.update(monitor.id(), lastHour);
                    List<Finding> found = findings(monitor, byRegion, now);
                    apply(monitor, found, open.getOrDefault(monitor.id(), Map.of()), now, counts);
                } catch (RuntimeException e) {
                    log.error("{}: anomaly evaluation failed; the pass goes on with the other monitors", monitor.id(), e);
                }
            }
        }
        gauges.retain(ids);
        List<AnomalyRecord> orphans = open.entrySet().stream().filter(e -> !ids.contains(e.getKey()))
                .flatMap(e -> e.getValue().values().stream()).toList();
        if (!orphans.isEmpty()) {
            store.inTransaction(handle -> {
                orphans.forEach(a -> anomalies.resolve(handle, a.id(), now));
                return null;
            });
            counts[2] += orphans.size();
        }
        return new Pass(all.size(), counts[0], counts[1], counts[2], Duration.ofNanos(System.nanoTime() - started),
                Duration.ofNanos(reading));
    }

    /** The anomalies in one monitor's series now: all regions together first, then each region's own. */
    List<Finding> findings(Monitor monitor, Map<String, List<TrendBucket>> byRegion, Instant now) {
        if (byRegion.isEmpty()) return List.of();
        List<TrendBucket> all = SeriesReader.allRegions(byRegion);
        List<Finding> found = new ArrayList<>(detect(AnomalyRecord.ALL_REGIONS, all, monitor, now));
        if (byRegion.size() > 1) {
            Set<Anomaly.Kind> everywhere = new HashSet<>();
            found.forEach(f -> everywhere.add(f.anomaly().kind()));
            byRegion.forEach((region, buckets) -> detect(region, buckets, monitor, now).stream()
                    .filter(f -> !everywhere.contains(f.anomaly().kind())).forEach(found::add));
        }
        return found;
    }

    private List<Finding> detect(String region, List<TrendBucket> buckets, Monitor monitor, Instant now) {
        return Trends.anomalies(settings.thresholds(), buckets, monitor.spec().expect(), now).stream()
                .filter(a -> settings.enabled(a.kind()))
                .map(a -> new Finding(region, a.withSeverity(settings.severity(a.kind())),
                        mostSeen(a, buckets, monitor)))
                .toList();
    }

    // The counted code seen most in the window judged: 403 rather than 401 for a spike of mostly 403s.
    private static int mostSeen(Anomaly anomaly, List<TrendBucket> buckets, Monitor monitor) {
        return Rates.over(buckets, anomaly.window()).byCode().entrySet().stream()
                .filter(e -> anomaly.kind().codes().contains(e.getKey()) && !monitor.spec().expect().contains(e.getKey()))
                .max(Map.Entry.comparingByValue((a, b) -> Long.compare(a.count(), b.count())))
                .map(Map.Entry::getKey).orElse(0);
    }

    private void apply(Monitor monitor, List<Finding> found, Map<Finding.Key, AnomalyRecord> open, Instant now, int[] counts) {
        Set<Finding.Key> foundKeys = new HashSet<>();
        List<Finding> fresh = new ArrayList<>();
        List<Map.Entry<AnomalyRecord, Finding>> again = new ArrayList<>();
        for (Finding finding : found) {
            Finding.Key key = finding.key(monitor.id());
            foundKeys.add(key);
            AnomalyRecord existing = open.get(key);
            if (existing == null) fresh.add(finding); else again.add(Map.entry(existing, finding));
        }
        List<AnomalyRecord> cleared = open.entrySet().stream()
                .filter(e -> !foundKeys.contains(e.getKey()))
                .map(Map.Entry::getValue)
                .filter(a -> !a.lastSeenAt().plus(settings.clearAfter()).isAfter(now))
                .toList();
        if (fresh.isEmpty() && again.isEmpty() && cleared.isEmpty()) return;
        int openedNow = store.inTransaction(handle -> {
            int count = 0;
            for (Map.Entry<AnomalyRecord, Finding> e : again) anomalies.seen(handle, e.getKey().id(), e.getValue().anomaly(), now);
            for (AnomalyRecord a : cleared) anomalies.resolve(handle, a.id(), now);
            for (Finding finding : fresh) {
                Optional<AnomalyRecord> opened = anomalies.open(handle, monitor.id(), monitor.name(), finding.region(),
                        finding.anomaly(), now);
                if (opened.isEmpty()) continue; // already open (another pass, or another node): not new here
                log.info("{}: anomaly {} in region {}: {}", monitor.id(), finding.anomaly().kind().id(), finding.region(),
                        finding.anomaly().summary());
                alerts.announce(handle, monitor, opened.get(), finding.status());
                count++;
            }
            return count;
        });
        counts[0] += openedNow;
        counts[1] += again.size();
        counts[2] += cleared.size();
    }

    /** How far back the detectors look: the longest recent window plus its baseline, and an hour for the split. */
    static Duration history(TrendSettings settings) {
        Duration longest = Duration.ZERO;
        for (Detector detector : settings.thresholds().detectors()) {
            Duration span = switch (detector) {
                case dev.faultline.trend.RisingNotFound d -> d.recent().plus(d.baseline());
                case dev.faultline.trend.AuthSpike d -> d.recent().plus(d.baseline());
                case dev.faultline.trend.RateLimiting d -> d.recent().plus(d.baseline());
                case dev.faultline.trend.FrequentServerErrors d -> d.recent().plus(d.baseline());
            };
            if (span.compareTo(longest) > 0) longest = span;
        }
        return longest.plusHours(1);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between chunks", e);
        }
    }
}
