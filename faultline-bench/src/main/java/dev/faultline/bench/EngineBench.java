package dev.faultline.bench;

import dev.faultline.FaultlineVersion;
import dev.faultline.check.CheckJudge;
import dev.faultline.check.CheckResult;
import dev.faultline.check.MonitorSpec;
import dev.faultline.json.Json;
import dev.faultline.probe.HttpProber;
import dev.faultline.probe.JacksonJsonValueReader;
import dev.faultline.probe.ProbeClients;
import dev.faultline.store.Store;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine at full speed: {@code --concurrency} virtual threads (50, as for the peers) each
 * checking {@code --url} in a closed loop with the real {@link HttpProber} (a fresh connection
 * per check, phase timings, the verdict) and submitting every result to a real {@link Store}
 * (SQLite in a temp dir). After {@code --warmup} seconds, and more while the JIT is still busy
 * (up to {@code --max-warmup}: {@link JitWarmup}), counts the checks completed and the
 * process's CPU time over {@code --duration} seconds.
 */
public final class EngineBench {

    private static final int WARMUP = 0;
    private static final int MEASURE = 1;
    private static final int STOP = 2;

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        URI url = URI.create(args.required("url"));
        int concurrency = args.integer("concurrency", 50);
        Duration warmup = args.seconds("warmup", 5);
        Duration maxWarmup = args.seconds("max-warmup", 30);
        Duration duration = args.seconds("duration", 10);

        HttpProber prober = new HttpProber(ProbeClients.create(false), new CheckJudge(new JacksonJsonValueReader(Json.mapper())),
                Clock.systemUTC(), FaultlineVersion.userAgent());
        MonitorSpec spec = MonitorSpec.builder(url).name("engine").build();
        AtomicInteger phase = new AtomicInteger(WARMUP);
        try (BenchDatabase database = new BenchDatabase.Sqlite(); Store store = Store.open(database.settings())) {
            List<Worker> workers = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                Worker worker = new Worker("engine-%03d".formatted(i), spec, prober, store, phase);
                workers.add(worker);
                worker.thread = Thread.ofVirtual().name(worker.monitorId).start(worker);
            }
            Report.log("engine: %d in flight against %s; warming up for %s to %s, until the JIT is quiet",
                    concurrency, url, warmup, maxWarmup);
            Duration warmedUp = JitWarmup.await(warmup, maxWarmup);
            long writtenBefore = store.writer().written();
            Map<Long, String> threadNames = new HashMap<>();
            Map<Long, Double> threadsBefore = ProcessUsage.cpuSecondsByThread(threadNames);
            double[] userSystemBefore = ProcessUsage.userAndSystemSeconds();
            ProcessUsage start = ProcessUsage.now();
            phase.set(MEASURE);
            Thread.sleep(duration);
            phase.set(STOP);
            ProcessUsage end = ProcessUsage.now();
            double systemShare = ProcessUsage.systemShare(userSystemBefore, ProcessUsage.userAndSystemSeconds());
            Map<String, Double> cpuByThread = ProcessUsage.cpuByThreadKind(threadsBefore,
                    ProcessUsage.cpuSecondsByThread(threadNames), threadNames);
            long writtenDuring = store.writer().written() - writtenBefore;
            for (Worker worker : workers) worker.thread.join();
            store.writer().flush();

            long checks = 0;
            Map<String, Long> causes = new TreeMap<>();
            Samples connect = new Samples();
            Samples firstByte = new Samples();
            Samples total = new Samples();
            for (Worker worker : workers) {
                checks += worker.checks;
                worker.causes.forEach((cause, n) -> causes.merge(cause, n, Long::sum));
                connect.addAll(worker.connectMicros);
                firstByte.addAll(worker.firstByteMicros);
                total.addAll(worker.totalMicros);
            }
            double seconds = end.secondsSince(start);
            double cpuSeconds = end.cpuSecondsSince(start);
            new Report("engine")
                    .put("url", url.toString())
                    .put("concurrency", concurrency)
                    .put("warmup_s", warmedUp.toMillis() / 1e3)
                    .put("seconds", seconds)
                    .put("checks", checks)
                    .put("checks_per_s", checks / seconds)
                    .put("cpu_seconds", cpuSeconds)
                    .put("cores", cpuSeconds / seconds)
                    .put("checks_per_core_s", checks / cpuSeconds)
                    .put("cpu_seconds_by_thread", cpuByThread)
                    .put("cpu_system_share", systemShare)
                    .put("causes", causes)
                    .put("connect_ms", connect.summary(1e3))
                    .put("first_byte_ms", firstByte.summary(1e3))
                    .put("total_ms", total.summary(1e3))
                    .put("store_written_per_s", writtenDuring / seconds)
                    .put("store_written", store.writer().written())
                    .put("store_dropped", store.writer().dropped())
                    .put("peak_rss_bytes", ProcessUsage.peakRssBytes())
                    .write(args.text("out", ""));
            Report.log("engine: %.0f checks/s, %.2f cores, %.0f checks per core-second, causes %s",
                    checks / seconds, cpuSeconds / seconds, checks / cpuSeconds, causes);
        }
    }

    /** One in-flight slot: checks, stores, and counts what finished while measuring. */
    private static final class Worker implements Runnable {
        final String monitorId;
        final MonitorSpec spec;
        final HttpProber prober;
        final Store store;
        final AtomicInteger phase;
        final Map<String, Long> causes = new TreeMap<>();
        final Samples connectMicros = new Samples();
        final Samples firstByteMicros = new Samples();
        final Samples totalMicros = new Samples();
        long checks;
        Thread thread;

        Worker(String monitorId, MonitorSpec spec, HttpProber prober, Store store, AtomicInteger phase) {
            this.monitorId = monitorId;
            this.spec = spec;
            this.prober = prober;
            this.store = store;
            this.phase = phase;
        }

        @Override
        public void run() {
            while (phase.get() != STOP) {
                CheckResult result = prober.check(monitorId, spec, "local");
                store.writer().submit(result);
                if (phase.get() == MEASURE) {
                    checks++;
                    causes.merge(result.verdict().cause().id(), 1L, Long::sum);
                    result.timings().connect().ifPresent(d -> connectMicros.add(d.toNanos() / 1_000));
                    result.timings().firstByte().ifPresent(d -> firstByteMicros.add(d.toNanos() / 1_000));
                    totalMicros.add(result.timings().total().toNanos() / 1_000);
                }
            }
        }
    }
}
