package dev.faultline.bench;

import dev.faultline.FaultlineVersion;
import dev.faultline.check.CheckJudge;
import dev.faultline.check.MonitorSpec;
import dev.faultline.config.AgentConfig;
import dev.faultline.json.Json;
import dev.faultline.monitor.Monitor;
import dev.faultline.probe.HttpProber;
import dev.faultline.probe.JacksonJsonValueReader;
import dev.faultline.probe.ProbeClients;
import dev.faultline.schedule.Cadence;
import dev.faultline.schedule.ScheduleLag;
import dev.faultline.schedule.Scheduler;
import dev.faultline.schedule.SchedulerLimits;
import dev.faultline.schedule.SchedulerStats;
import dev.faultline.store.Store;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Many monitors on their cadence: the real {@link Scheduler} (default limits: 512 in flight, 8
 * per host), the real {@link HttpProber} and a real {@link Store} (SQLite in a temp dir), with
 * {@code --monitors} monitors at {@code --interval} seconds spread over {@code --ports} nginx
 * ports on 127.0.0.1 from {@code --base-port} (each port is a host to the per-host limit).
 * After {@code --warmup} seconds, measures over {@code --intervals} whole intervals: schedule
 * lag from {@link SchedulerStats} (and exactly, from the runner), CPU, peak RSS and results
 * written per second.
 */
public final class ScaleBench {

    // An A/B run may measure a build from before early starts (FAULTLINE_BENCH_SERVER_JAR): none there.
    private static final Duration EARLY_START = earlyStart();

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        int count = args.integer("monitors", 10_000);
        Duration interval = args.seconds("interval", 10);
        int intervals = args.integer("intervals", 3);
        Duration warmup = args.seconds("warmup", Math.min(interval.toSeconds(), 15));
        int basePort = Integer.parseInt(args.required("base-port"));
        int ports = args.integer("ports", 100);

        List<Monitor> monitors = monitors(count, interval, basePort, ports);
        HttpProber prober = new HttpProber(ProbeClients.create(false), new CheckJudge(new JacksonJsonValueReader(Json.mapper())),
                Clock.systemUTC(), FaultlineVersion.userAgent());
        Clock clock = Clock.systemUTC();
        Window window = new Window();
        try (BenchDatabase database = new BenchDatabase.Sqlite(); Store store = Store.open(database.settings())) {
            Scheduler scheduler = new Scheduler(clock, (monitor, region) -> {
                if (window.open) window.recordLag(monitor, clock.instant());
                return prober.check(monitor.id(), monitor.spec(), region);
            }, result -> {
                if (window.open) window.causes.computeIfAbsent(result.verdict().cause().id(), c -> new LongAdder()).increment();
                store.writer().submit(result);
            }, SchedulerLimits.DEFAULTS);
            try (scheduler) {
                scheduler.replaceAll(monitors);
                scheduler.start();
                Report.log("scale: %d monitors every %s over %d ports; warming up for %s, then measuring %d intervals",
                        count, interval, ports, warmup, intervals);
                Thread.sleep(warmup);

                SchedulerStats before = scheduler.stats();
                long writtenBefore = store.writer().written();
                Map<Long, String> threadNames = new HashMap<>();
                Map<Long, Double> threadsBefore = ProcessUsage.cpuSecondsByThread(threadNames);
                double[] userSystemBefore = ProcessUsage.userAndSystemSeconds();
                ProcessUsage start = ProcessUsage.now();
                window.open = true;
                int maxInFlight = 0;
                long maxRss = 0;
                long end = start.wallNanos() + interval.toNanos() * intervals;
                while (System.nanoTime() < end) {
                    Thread.sleep(Math.max(1, Math.min(1_000, (end - System.nanoTime()) / 1_000_000)));
                    maxInFlight = Math.max(maxInFlight, scheduler.stats().inFlight());
                    maxRss = Math.max(maxRss, ProcessUsage.rssBytes());
                }
                window.open = false;
                ProcessUsage stop = ProcessUsage.now();
                double systemShare = ProcessUsage.systemShare(userSystemBefore, ProcessUsage.userAndSystemSeconds());
                Map<String, Double> cpuByThread = ProcessUsage.cpuByThreadKind(threadsBefore,
                        ProcessUsage.cpuSecondsByThread(threadNames), threadNames);
                long heapCommitted = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
                SchedulerStats after = scheduler.stats();
                long written = store.writer().written() - writtenBefore;

                double seconds = stop.secondsSince(start);
                Map<String, Object> exact;
                long windowMax;
                synchronized (window.lags) {
                    exact = window.lags.summary(1);
                    windowMax = window.lags.max();
                }
                // The runner's own lags are exact only while they stay well under an interval (they are
                // taken modulo the interval); past that, the histogram's maximum over the whole run stands.
                boolean exactValid = windowMax < interval.toMillis() / 2;
                long lagMax = exactValid ? windowMax : after.lag().maxMillis();
                ScheduleLag.Snapshot lag = difference(before.lag(), after.lag(), lagMax);
                System.gc();
                long liveHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                Map<String, Long> causes = new TreeMap<>();
                window.causes.forEach((cause, n) -> causes.put(cause, n.sum()));
                new Report("scale")
                        .put("monitors", count)
                        .put("interval_s", interval.toMillis() / 1e3)
                        .put("intervals", intervals)
                        .put("warmup_s", warmup.toMillis() / 1e3)
                        .put("hosts", ports)
                        .put("limits", SchedulerLimits.DEFAULTS.toString())
                        .put("seconds", seconds)
                        .put("checks_started", after.started() - before.started())
                        .put("checks_expected", (long) count * intervals)
                        .put("skipped", after.skipped() - before.skipped())
                        .put("failed", after.failed() - before.failed())
                        .put("causes", causes)
                        .put("lag_p50_ms", lag.p50().toMillis())
                        .put("lag_p99_ms", lag.p99().toMillis())
                        .put("lag_max_ms", lagMax)
                        .put("lag_max_of", exactValid ? "the measured intervals" : "the whole run (lags beyond an interval)")
                        .put("lag_exact_ms", exactValid ? exact : "not exact: lags reached half an interval")
                        .put("cpu_seconds", stop.cpuSecondsSince(start))
                        .put("cores", stop.coresSince(start))
                        .put("cpu_seconds_by_thread", cpuByThread)
                        .put("cpu_system_share", systemShare)
                        .put("peak_rss_bytes", ProcessUsage.peakRssBytes())
                        .put("max_rss_in_window_bytes", maxRss)
                        .put("max_in_flight", maxInFlight)
                        .put("store_written_per_s", written / seconds)
                        .put("store_dropped", store.writer().dropped())
                        .put("heap_committed_bytes", heapCommitted)
                        .put("heap_live_after_gc_bytes", liveHeap)
                        .write(args.text("out", ""));
                Report.log("scale: %d monitors / %s: lag p50 %d ms p99 %d ms max %d ms, %.3f cores, peak RSS %d MiB, %.0f writes/s",
                        count, interval, lag.p50().toMillis(), lag.p99().toMillis(), lagMax, stop.coresSince(start),
                        ProcessUsage.peakRssBytes() >> 20, written / seconds);
            }
        }
    }

    static List<Monitor> monitors(int count, Duration interval, int basePort, int ports) {
        List<Monitor> monitors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = "m-%05d".formatted(i);
            URI url = URI.create("http://127.0.0.1:" + (basePort + i % ports) + "/m/" + id);
            MonitorSpec spec = MonitorSpec.builder(url).name(id).interval(interval).build();
            monitors.add(new Monitor(id, spec, List.of(AgentConfig.LOCAL_REGION), List.of(), List.of(), Monitor.Source.CONFIG));
        }
        return monitors;
    }

    /** The lag histogram of the checks started between two snapshots. */
    static ScheduleLag.Snapshot difference(ScheduleLag.Snapshot before, ScheduleLag.Snapshot after, long maxMillis) {
        List<ScheduleLag.Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < after.buckets().size(); i++) {
            ScheduleLag.Bucket bucket = after.buckets().get(i);
            buckets.add(new ScheduleLag.Bucket(bucket.upperBoundMillis(),
                    bucket.cumulativeCount() - before.buckets().get(i).cumulativeCount()));
        }
        return new ScheduleLag.Snapshot(after.count() - before.count(), after.sumMillis() - before.sumMillis(), maxMillis, buckets);
    }

    /**
     * What happens while measuring. The exact lag of a check started at {@code now} is measured
     * from the latest due time of its cadence at or before now (lags are far below an interval).
     */
    private static final class Window {
        volatile boolean open;
        final Samples lags = new Samples();
        final Map<String, LongAdder> causes = new ConcurrentHashMap<>();

        void recordLag(Monitor monitor, Instant now) {
            Cadence cadence = Cadence.of(monitor.id(), monitor.spec().interval());
            Instant due = cadence.firstDueAtOrAfter(now);
            // A check may start before its due time, with one that is due (SchedulerLimits.earlyStart,
            // at most a twentieth of the interval): no lag, as the scheduler's own histogram counts it.
            Duration early = EARLY_START;
            if (early.compareTo(cadence.interval().dividedBy(20)) > 0) early = cadence.interval().dividedBy(20);
            long lag = Duration.between(now, due).compareTo(early) <= 0 ? 0
                    : Duration.between(due.isAfter(now) ? due.minus(cadence.interval()) : due, now).toMillis();
            synchronized (lags) {
                lags.add(lag);
            }
        }
    }

    private static Duration earlyStart() {
        try {
            return SchedulerLimits.DEFAULTS.earlyStart();
        } catch (NoSuchMethodError before) {
            return Duration.ZERO;
        }
    }
}
