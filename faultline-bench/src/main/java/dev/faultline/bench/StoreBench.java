package dev.faultline.bench;

import dev.faultline.store.ResultPage;
import dev.faultline.store.Resolution;
import dev.faultline.store.ResultWriter;
import dev.faultline.store.Rollup;
import dev.faultline.store.Store;
import dev.faultline.store.Uptime;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The store on one database ({@code --db=sqlite|postgres}): how many results a second the real
 * {@link ResultWriter} ingests (raw rows, minute and hour rollups, newest result; default batching),
 * then, with {@code --year=true}, a year (or {@code --days} days) of hour rollups for {@code --monitors} monitors and the
 * queries a monitor's page makes: the uptime windows up to 90 days, the 50 most recent results
 * and the hour series over 7 days, each timed over {@code --runs} random monitors (median, p95,
 * max), plus every monitor's 90-day uptime one after the other (an overview of the fleet).
 */
public final class StoreBench {

    /** The most results queued and not yet written: keeps the final flush short. */
    private static final long MAX_BACKLOG = 2_000;
    private static final int WARMUP_RUNS = 10;

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String kind = args.text("db", "sqlite");
        int monitors = args.integer("monitors", 1_000);
        Duration ingestFor = args.seconds("ingest", 5);
        boolean year = Boolean.parseBoolean(args.text("year", "true"));
        // Quick mode shortens the history to 95 days: still every window the page asks for (90 days at most).
        int days = args.integer("days", 365);
        int runs = args.integer("runs", 50);
        Duration ingestWarmup = args.seconds("ingest-warmup", 2);
        // Then results at 10 a second, as 200 monitors every 20 s make them: the writer's cost per small batch.
        Duration smallFor = args.seconds("small", 0);
        Duration smallWarmup = args.seconds("small-warmup", 10);
        boolean keep = Boolean.parseBoolean(args.text("keep", "false")); // SQLite only: to look into it afterwards
        String postgresUrl = args.text("postgres", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // The results ingested start three hours back; the generated history ends where they start.
        Instant ingestStart = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        Report report = new Report("store").put("db", kind).put("monitors", monitors);
        BenchDatabase database = BenchDatabase.of(kind, postgresUrl);
        try {
            try (Store store = Store.open(database.settings())) {
                SampleResults results = new SampleResults(monitors, ingestStart);
                long next = ingest(store.writer(), results, 0, ingestWarmup, null); // the JIT's turn
                Map<String, Object> ingested = new LinkedHashMap<>();
                next = ingest(store.writer(), results, next, ingestFor, ingested);
                report.put("ingest", ingested);
                if (!smallFor.isZero()) {
                    Map<String, Object> small = new LinkedHashMap<>();
                    next = trickle(store.writer(), results, next, smallWarmup, null);
                    trickle(store.writer(), results, next, smallFor, small);
                    report.put("small_batches", small);
                }
            }
            if (year) {
                RollupHistory history = new RollupHistory(monitors, ingestStart.minus(Duration.ofDays(days)), ingestStart);
                Report.log("store/%s: generating %d hours of rollups for %d monitors", kind, history.hours(), monitors);
                long began = System.nanoTime();
                long[] rows = history.generate(database, now);
                Map<String, Object> generated = new LinkedHashMap<>();
                generated.put("days", days);
                generated.put("hour_rows", rows[0]);
                generated.put("minute_rows", rows[1]);
                generated.put("seconds", Samples.round((System.nanoTime() - began) / 1e9));
                generated.put("database_bytes", database.bytes());
                report.put("year", generated);
                try (Store store = Store.open(database.settings())) {
                    report.put("queries", queries(store, monitors, now, runs));
                }
            }
        } finally {
            if (keep && database instanceof BenchDatabase.Sqlite sqlite) {
                Report.log("kept the database in %s (now = %s)", sqlite.dir(), now);
            } else {
                database.close();
            }
        }
        report.write(args.text("out", ""));
    }

    /**
     * Submits results from the {@code first} on for {@code duration}, as fast as the writer takes
     * them, then waits until they are written; puts the figures into {@code figures} when given.
     * Returns the index of the next result.
     */
    private static long ingest(ResultWriter writer, SampleResults results, long first, Duration duration,
                               Map<String, Object> figures) throws InterruptedException {
        long writtenBefore = writer.written();
        long deadline = System.nanoTime() + duration.toNanos();
        long k = first;
        ProcessUsage start = ProcessUsage.now();
        long writerCpu = writerCpuNanos();
        while (System.nanoTime() < deadline) {
            if (k - writer.written() - writer.dropped() > MAX_BACKLOG) {
                Thread.sleep(1);
                continue;
            }
            writer.submit(results.get(k++));
        }
        writer.flush();
        ProcessUsage end = ProcessUsage.now();
        if (figures != null) {
            long written = writer.written() - writtenBefore;
            double seconds = end.secondsSince(start);
            figures.put("results", k - first);
            figures.put("written", written);
            figures.put("dropped", writer.dropped());
            figures.put("seconds", Samples.round(seconds));
            figures.put("per_s", Samples.round(written / seconds));
            figures.put("cores", Samples.round(end.coresSince(start)));
            figures.put("writer_cpu_us_per_result", Samples.round((writerCpuNanos() - writerCpu) / 1e3 / written));
            Report.log("ingest: %d results in %.1f s: %.0f/s", written, seconds, written / seconds);
        }
        return k;
    }

    /**
     * Submits a result every 100 ms from the {@code first} on for {@code duration}: the writer then
     * commits small batches (its 200 ms delay), and what each costs it is the per-transaction
     * overhead that dominates a server watching a few hundred monitors. Puts the writer thread's
     * CPU per batch and per result into {@code figures} when given; returns the next result's index.
     */
    private static long trickle(ResultWriter writer, SampleResults results, long first, Duration duration,
                                Map<String, Object> figures) throws InterruptedException {
        long writtenBefore = writer.written();
        long batchesBefore = writer.batches();
        long writerCpu = writerCpuNanos();
        long began = System.nanoTime();
        long k = first;
        for (long due = began; due < began + duration.toNanos(); due += 100_000_000L) {
            Thread.sleep(Duration.ofNanos(Math.max(0, due - System.nanoTime())));
            writer.submit(results.get(k++));
        }
        writer.flush();
        if (figures != null) {
            long written = writer.written() - writtenBefore;
            long batches = writer.batches() - batchesBefore;
            double cpuMs = (writerCpuNanos() - writerCpu) / 1e6;
            figures.put("seconds", Samples.round((System.nanoTime() - began) / 1e9));
            figures.put("written", written);
            figures.put("batches", batches);
            figures.put("results_per_batch", Samples.round((double) written / batches));
            figures.put("writer_cpu_ms_per_batch", Samples.round(cpuMs / batches));
            figures.put("writer_cpu_us_per_result", Samples.round(1000 * cpuMs / written));
            Report.log("small batches: %d results in %d batches, %.3f ms of writer CPU per batch", written, batches, cpuMs / batches);
        }
        return k;
    }

    /** CPU time of the store's writer thread so far. */
    private static long writerCpuNanos() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("faultline-result-writer")) {
                return ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.threadId());
            }
        }
        throw new IllegalStateException("no result writer thread");
    }

    private static Map<String, Object> queries(Store store, int monitors, Instant now, int runs) {
        Random random = new Random(42);
        Samples uptime = new Samples();
        Samples recent = new Samples();
        Samples series = new Samples();
        Samples page = new Samples();
        Map<String, Object> first = new LinkedHashMap<>();
        Uptime sample = null;
        for (int run = 0; run < WARMUP_RUNS + runs; run++) {
            String id = SampleResults.monitorId(random.nextInt(monitors));
            long t0 = System.nanoTime();
            sample = store.rollups().uptime(id, now);
            long t1 = System.nanoTime();
            ResultPage page50 = store.results().recent(id, 50, Optional.empty(), Optional.empty());
            long t2 = System.nanoTime();
            List<Rollup> hours = store.rollups().series(id, Resolution.HOUR, now.minus(Duration.ofDays(7)), now);
            long t3 = System.nanoTime();
            if (run == 0) {
                first.put("uptime_ms", Samples.round((t1 - t0) / 1e6));
                first.put("recent_ms", Samples.round((t2 - t1) / 1e6));
                first.put("series_ms", Samples.round((t3 - t2) / 1e6));
                first.put("recent_results", page50.results().size());
                first.put("series_points", hours.size());
            }
            if (run >= WARMUP_RUNS) {
                uptime.add((t1 - t0) / 1_000);
                recent.add((t2 - t1) / 1_000);
                series.add((t3 - t2) / 1_000);
                page.add((t3 - t0) / 1_000);
            }
        }
        long began = System.nanoTime();
        long checks = 0;
        for (int i = 0; i < monitors; i++) {
            checks += store.rollups().uptime(SampleResults.monitorId(i), now).last90d().checks();
        }
        double fleetMs = (System.nanoTime() - began) / 1e6;

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uptime_90d_ms", uptime.summary(1e3));
        out.put("recent_50_ms", recent.summary(1e3));
        out.put("hour_series_7d_ms", series.summary(1e3));
        out.put("page_ms", page.summary(1e3));
        out.put("first_run", first);
        out.put("sample_90d_checks", sample.last90d().checks());
        out.put("sample_90d_percent", Samples.round(sample.last90d().percent().orElse(Double.NaN)));
        out.put("all_monitors_90d_ms", Samples.round(fleetMs));
        out.put("all_monitors_90d_checks", checks);
        Report.log("queries: 90-day uptime median %.2f ms, page median %.2f ms; all %d monitors' uptime in %.0f ms",
                uptime.percentile(0.5) / 1e3, page.percentile(0.5) / 1e3, monitors, fleetMs);
        return out;
    }
}
