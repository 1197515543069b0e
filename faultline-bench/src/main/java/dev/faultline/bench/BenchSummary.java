package dev.faultline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the figures one bench/run left in its folder, prints them as a table with the ratios to
 * the same run's references and each goal met or missed (and by how much), and writes everything
 * as one JSON file.
 *
 * <p>Usage: {@code BenchSummary RUN_DIR OUT_JSON}
 */
public final class BenchSummary {

    private static final long GIB = 1L << 30;

    private final Path dir;
    private final ObjectNode all = Report.JSON.createObjectNode();
    private final ArrayNode goals = all.putArray("goals");
    private final StringBuilder text = new StringBuilder();

    private BenchSummary(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws IOException {
        BenchSummary summary = new BenchSummary(Path.of(args[0]));
        summary.summarise();
        System.out.print(summary.text);
        Files.writeString(Path.of(args[1]), Report.JSON.writeValueAsString(summary.all) + "\n");
        System.out.println("Raw figures: " + args[0] + "/ and " + args[1]);
    }

    private void summarise() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                all.set(file.getFileName().toString().replaceFirst("\\.json$", ""), Report.JSON.readTree(file.toFile()));
            }
        }
        JsonNode machine = read("machine");
        JsonNode finished = read("finished");
        line("Faultline benchmarks: %s mode, %s, commit %s", machine.path("mode").asText(), machine.path("date").asText(),
                machine.path("commit").asText());
        line("%d cores (%s), %.1f GiB, kernel %s, JDK %s; load average %s before, %s after; %.0f s",
                machine.path("nproc").asInt(), machine.path("cpu").asText(), machine.path("mem_bytes").asDouble() / GIB,
                machine.path("kernel").asText(), machine.path("jdk").asText(), machine.path("load_before").asText(),
                finished.path("load_after").asText(), finished.path("seconds").asDouble());
        engine();
        scale();
        store();
        alert();
        peer();
        line("");
        line("Goals:");
        for (JsonNode goal : goals) {
            line("  %-7s %s: %s", goal.path("status").asText().toUpperCase(Locale.ROOT), goal.path("goal").asText(),
                    goal.path("detail").asText());
        }
    }

    private void engine() {
        JsonNode faultline = read("engine-faultline");
        if (faultline.isMissingNode()) return;
        if (faultline.has("error")) {
            line("");
            line("Engine: FAILED, %s", faultline.path("error").asText());
            skipped("engine", "Engine goals", "the engine benchmark failed");
            return;
        }
        JsonNode wrk = read("engine-wrk-close");
        JsonNode blackbox = read("engine-blackbox");
        JsonNode keepAlive = read("engine-wrk-keepalive");
        line("");
        line("Engine: %d in flight, a fresh connection per check, against nginx 'return 200' on 127.0.0.1",
                faultline.path("concurrency").asInt());
        line("  %-52s %10s %7s %12s", "", "per second", "cores", "per core-s");
        line("  %-52s %10s %7.2f %12s", "Faultline: HttpProber, phase timings, verdict, SQLite",
                count(faultline.path("checks_per_s")), faultline.path("cores").asDouble(),
                count(faultline.path("checks_per_core_s")));
        if (blackbox.has("skipped")) {
            line("  %-52s %s", "blackbox_exporter /probe (http_2xx)", "skipped: " + blackbox.path("skipped").asText());
        } else {
            line("  %-52s %10s %7.2f %12s", "blackbox_exporter /probe (http_2xx)", count(blackbox.path("probes_per_s")),
                    blackbox.path("cores").asDouble(), count(blackbox.path("probes_per_core_s")));
        }
        if (wrk.has("skipped")) {
            line("  %-52s %s", "wrk, Connection: close (the new-connection limit)", "skipped: " + wrk.path("skipped").asText());
        } else {
            line("  %-52s %10s %7s %12s", "wrk, Connection: close (the new-connection limit)",
                    count(wrk.path("requests_per_s")), "-", "-");
        }
        if (!keepAlive.isMissingNode()) {
            line("  %-52s %10s %7s %12s", "wrk, keep-alive (for scale)", count(keepAlive.path("requests_per_s")), "-", "-");
        }
        line("  Faultline's checks: %s; total time p50 %.2f ms, p99 %.2f ms; connect p50 %.3f ms; %s results stored/s, %d dropped",
                faultline.path("causes"), faultline.path("total_ms").path("p50").asDouble(),
                faultline.path("total_ms").path("p99").asDouble(), faultline.path("connect_ms").path("p50").asDouble(),
                count(faultline.path("store_written_per_s")), faultline.path("store_dropped").asLong());
        line("  Faultline's CPU by thread (s): %s; warm-up %.0f s", faultline.path("cpu_seconds_by_thread"),
                faultline.path("warmup_s").asDouble());
        if (!blackbox.has("skipped")) {
            line("  blackbox_exporter's probes that failed: %d", blackbox.path("failed_probes").asLong());
            double ratio = faultline.path("checks_per_core_s").asDouble() / blackbox.path("probes_per_core_s").asDouble();
            goal("engine-per-core", "Engine: checks per core-second >= 3x blackbox_exporter's", ratio >= 3,
                    String.format(Locale.ROOT, "%.2fx%s", ratio, ratio >= 3 ? "" : shortBy(ratio, 3)), ratio);
        } else {
            skipped("engine-per-core", "Engine: checks per core-second >= 3x blackbox_exporter's", "no blackbox_exporter");
        }
        if (!wrk.has("skipped")) {
            double share = faultline.path("checks_per_s").asDouble() / wrk.path("requests_per_s").asDouble();
            goal("engine-vs-wrk", "Engine: sustained checks/s >= 25% of wrk's new-connection rate", share >= 0.25,
                    String.format(Locale.ROOT, "%.1f%%%s", share * 100, share >= 0.25 ? "" : shortBy(share, 0.25)), share);
        } else {
            skipped("engine-vs-wrk", "Engine: sustained checks/s >= 25% of wrk's new-connection rate", "no wrk");
        }
    }

    private void scale() {
        List<JsonNode> runs = new ArrayList<>();
        all.properties().forEach(entry -> {
            if (entry.getKey().startsWith("scale-")) runs.add(entry.getValue());
        });
        if (runs.isEmpty()) return;
        runs.sort((a, b) -> a.path("monitors").asInt() != b.path("monitors").asInt()
                ? Integer.compare(a.path("monitors").asInt(), b.path("monitors").asInt())
                : Double.compare(b.path("interval_s").asDouble(), a.path("interval_s").asDouble()));
        line("");
        line("Scale: real Scheduler (512 in flight, 8 per host), HttpProber and SQLite store; monitors over %d nginx ports",
                runs.stream().mapToInt(run -> run.path("hosts").asInt()).max().orElse(0));
        line("  %-9s %8s %9s %8s %8s %7s %9s %9s %16s", "monitors", "interval", "lag p50", "p99", "max", "cores",
                "peak RSS", "writes/s", "checks/expected");
        boolean fiftyThousand = false;
        for (JsonNode run : runs) {
            if (run.has("error")) {
                line("  FAILED: %s", run.path("error").asText());
                continue;
            }
            line("  %-9s %7.0fs %6d ms %5d ms %5d ms %7.3f %5d MiB %9s %16s", count(run.path("monitors")),
                    run.path("interval_s").asDouble(), run.path("lag_p50_ms").asLong(), run.path("lag_p99_ms").asLong(),
                    run.path("lag_max_ms").asLong(), run.path("cores").asDouble(), run.path("peak_rss_bytes").asLong() >> 20,
                    count(run.path("store_written_per_s")),
                    count(run.path("checks_started")) + "/" + count(run.path("checks_expected")));
            if (run.path("monitors").asInt() == 50_000 && run.path("interval_s").asDouble() == 60) {
                fiftyThousand = true;
                long p99 = run.path("lag_p99_ms").asLong();
                double cores = run.path("cores").asDouble();
                long rss = run.path("peak_rss_bytes").asLong();
                goal("scale-lag", "Scale: 50,000 monitors at 60 s, p99 schedule lag < 100 ms", p99 < 100,
                        p99 + " ms" + (p99 < 100 ? "" : over(p99, 100)), p99);
                goal("scale-cpu", "Scale: 50,000 monitors at 60 s, under half a core on average", cores < 0.5,
                        String.format(Locale.ROOT, "%.3f cores%s", cores, cores < 0.5 ? "" : over(cores, 0.5)), cores);
                goal("scale-rss", "Scale: 50,000 monitors at 60 s, under 1 GiB RSS", rss < GIB,
                        (rss >> 20) + " MiB" + (rss < GIB ? "" : over(rss, GIB)), rss);
            }
        }
        for (JsonNode run : runs) {
            if (run.has("error")) continue;
            line("  %s at %.0fs, CPU by thread (s): %s", count(run.path("monitors")), run.path("interval_s").asDouble(),
                    run.path("cpu_seconds_by_thread"));
        }
        line("  lag: due time to start, from SchedulerStats' histogram (p50/p99 interpolated in its buckets) over the"
                + " measured intervals; max exact");
        if (!fiftyThousand) {
            skipped("scale", "Scale: 50,000 monitors at 60 s (p99 lag < 100 ms, < 0.5 core, < 1 GiB RSS)",
                    "not run in this mode: bench/run full scale");
        }
    }

    private void store() {
        List<JsonNode> runs = new ArrayList<>();
        for (String db : List.of("sqlite", "postgres")) {
            JsonNode run = read("store-" + db);
            if (!run.isMissingNode()) runs.add(run);
        }
        if (runs.isEmpty()) return;
        line("");
        int days = runs.stream().filter(run -> run.has("year")).mapToInt(run -> run.path("year").path("days").asInt(365))
                .max().orElse(365);
        String history = days == 365 ? "a year" : days + " days (quick mode; full mode: a year)";
        line("Store: result ingest through the real writer (batches of up to 1,000); %s of hour rollups for 1,000 monitors", history);
        line("  %-11s %9s %13s %9s %9s %11s %11s %13s", "database", "ingest/s", "90d uptime", "p95", "max",
                "recent 50", "7d hours", "all 1,000");
        for (JsonNode run : runs) {
            String db = run.path("db").asText();
            if (run.has("error")) {
                line("  %-11s FAILED: %s", "", run.path("error").asText());
                continue;
            }
            if (run.has("skipped")) {
                line("  %-11s skipped: %s", "postgresql", run.path("skipped").asText());
                skipped("store-postgres", "Store: PostgreSQL, 90-day uptime < 50 ms", run.path("skipped").asText());
                continue;
            }
            JsonNode queries = run.path("queries");
            if (queries.isMissingNode()) {
                line("  %-11s %9s %13s", db, count(run.path("ingest").path("per_s")), "(year: full mode)");
                continue;
            }
            double uptime = queries.path("uptime_90d_ms").path("p50").asDouble();
            line("  %-11s %9s %10.2f ms %6.2f ms %6.2f ms %8.2f ms %8.2f ms %10.0f ms", db, count(run.path("ingest").path("per_s")),
                    uptime, queries.path("uptime_90d_ms").path("p95").asDouble(),
                    queries.path("uptime_90d_ms").path("max").asDouble(), queries.path("recent_50_ms").path("p50").asDouble(),
                    queries.path("hour_series_7d_ms").path("p50").asDouble(), queries.path("all_monitors_90d_ms").asDouble());
            goal("store-" + db, "Store: " + db + ", " + history + " for 1,000 monitors, 90-day uptime < 50 ms (median)", uptime < 50,
                    String.format(Locale.ROOT, "%.2f ms%s", uptime, uptime < 50 ? "" : over(uptime, 50)), uptime);
        }
        line("  query times: median (p95, max) over random monitors after a warm-up; 'all 1,000': every monitor's uptime in turn");
        for (JsonNode run : runs) {
            JsonNode small = run.path("small_batches");
            if (small.isMissingNode()) continue;
            double perResultAtSpeed = run.path("ingest").path("writer_cpu_us_per_result").asDouble();
            double perResult = small.path("writer_cpu_us_per_result").asDouble();
            line("  %s, 10 results/s (as 200 monitors every 20 s): %s batches of %.1f results, %.3f ms of writer CPU per batch,"
                    + " %.0f us per result (%.0fx a result's %.1f us at full speed)", run.path("db").asText(), count(small.path("batches")),
                    small.path("results_per_batch").asDouble(), small.path("writer_cpu_ms_per_batch").asDouble(), perResult,
                    perResult / perResultAtSpeed, perResultAtSpeed);
        }
    }

    private void alert() {
        List<JsonNode> runs = new ArrayList<>();
        all.properties().forEach(entry -> {
            if (entry.getKey().startsWith("alert-")) runs.add(entry.getValue());
        });
        if (runs.isEmpty()) return;
        runs.sort(Comparator.comparingDouble((JsonNode run) -> run.path("interval_s").asDouble())
                .thenComparingInt(run -> run.path("regions").asInt()));
        line("");
        line("Time to alert: a real server, a target flipped 200 -> 503 at a random instant, webhook to a local receiver");
        line("  %-9s %7s %5s %22s %22s %22s %22s", "interval", "regions", "reps", "failing -> webhook",
                "waiting for the check", "1st failure -> webhook", "after confirming");
        Map<Integer, Double> worstAfter = new TreeMap<>(); // by the number of regions
        for (JsonNode run : runs) {
            if (run.has("error")) {
                line("  FAILED: %s", run.path("error").asText());
                continue;
            }
            line("  %8.0fs %7d %5d %22s %22s %22s %22s", run.path("interval_s").asDouble(), run.path("regions").asInt(),
                    run.path("repetitions").asInt(), medianMax(run.path("failing_to_webhook_ms")),
                    medianMax(run.path("waiting_for_check_ms")), medianMax(run.path("first_failure_to_webhook_ms")),
                    medianMax(run.path("after_confirming_checks_ms")));
            if (run.path("missed").asInt() > 0) line("  %d repetition(s) at %.0f s got no webhook in time", run.path("missed").asInt(),
                    run.path("interval_s").asDouble());
            JsonNode byRegion = run.path("after_confirming_checks_ms_by_confirming_region");
            if (run.path("regions").asInt() > 1 && byRegion.isObject()) {
                List<String> parts = new ArrayList<>();
                byRegion.properties().forEach(e -> parts.add(String.format(Locale.ROOT, "%s's check %d time(s), %s",
                        e.getKey().equals("agent") ? "an agent" : "the server", e.getValue().path("n").asInt(),
                        medianMax(e.getValue()))));
                line("  %8s after confirming, by the confirming check: %s", "", String.join("; ", parts));
            }
            double max = run.path("missed").asInt() > 0 ? Double.POSITIVE_INFINITY
                    : run.path("after_confirming_checks_ms").path("max").asDouble();
            worstAfter.merge(run.path("regions").asInt(), max, Math::max);
        }
        line("  median / max, ms. 'waiting for the check' is the check interval's part; 'after confirming' (the last failing");
        line("  check answered -> the webhook) is Faultline's own delay; 1st failure -> webhook includes the re-check that confirms.");
        if (worstAfter.keySet().stream().anyMatch(regions -> regions > 1)) {
            line("  3 regions: the server's probe and two agents (faultline probe) on this machine, quorum 2; an agent sends its");
            line("  results in batches every 1 s, so a confirmation by an agent's check waits up to 1 s for the upload.");
        }
        worstAfter.forEach((regions, worst) -> goal(regions == 1 ? "alert" : "alert-" + regions + "r",
                "Time to alert: under 3 s after the confirming checks (" + regions + " region" + (regions == 1 ? "" : "s")
                        + ", worst repetition)", worst < 3000,
                Double.isInfinite(worst) ? "a repetition got no webhook"
                        : String.format(Locale.ROOT, "%.0f ms%s", worst, worst < 3000 ? "" : over(worst, 3000)),
                worst));
    }

    private void peer() {
        List<Map.Entry<String, JsonNode>> runs = new ArrayList<>();
        all.properties().forEach(entry -> {
            if (entry.getKey().startsWith("peer")) runs.add(entry);
        });
        if (runs.isEmpty()) return;
        line("");
        line("Peer: the same HTTP monitors against nginx, in Uptime Kuma (npm) and in Faultline (as ./faultline run starts it), side by side");
        boolean measured = false;
        for (Map.Entry<String, JsonNode> entry : runs) {
            JsonNode run = entry.getValue();
            if (run.has("error") || run.has("skipped")) {
                line("  %s: %s", run.has("error") ? "FAILED" : "skipped", run.path(run.has("error") ? "error" : "skipped").asText());
                continue;
            }
            line("  %s monitors every %.0f s, measured over %.0f s (node %s):", count(run.path("monitors")),
                    run.path("interval_s").asDouble(), run.path("window_s").asDouble(), run.path("node").asText());
            double[] first = peerWindow(run, run);
            JsonNode kuma = run.path("uptime_kuma");
            JsonNode faultline = run.path("faultline");
            line("    Faultline's JVM options: %s", run.path("java_opts").asText());
            int monitors = run.path("monitors").asInt();
            boolean settled = kuma.path("monitors_checked_before_window").asInt() >= monitors
                    && faultline.path("monitors_checked_before_window").asInt() >= monitors;
            if (!settled) {
                line("    (the window began before every monitor had been checked: start-up and JIT included; indicative only)");
            }
            double[] ratios = first;
            if (run.has("settled")) {
                JsonNode again = run.path("settled");
                line("  the same servers again, %.0f minutes after their start (the JIT's one-time work behind them):",
                        again.path("at_s").asDouble() / 60);
                ratios = peerWindow(run, again); // a server runs for months: the settled cost is the one the goals judge
            }
            if (!measured && settled) {
                measured = true;
                double cpuRatio = ratios[0];
                double rssRatio = ratios[1];
                goal("peer-cpu", "Peer: >= 10x less CPU per check than Uptime Kuma", cpuRatio >= 10,
                        String.format(Locale.ROOT, "%.1fx%s", cpuRatio, cpuRatio >= 10 ? "" : shortBy(cpuRatio, 10)), cpuRatio);
                goal("peer-rss", "Peer: >= 5x less memory than Uptime Kuma", rssRatio >= 5,
                        String.format(Locale.ROOT, "%.1fx%s", rssRatio, rssRatio >= 5 ? "" : shortBy(rssRatio, 5)), rssRatio);
            }
        }
        line("  CPU: the process's utime + stime over the window / the checks it stored in it (Uptime Kuma's heartbeat rows,");
        line("  Faultline's results rows); memory: peak RSS (VmHWM) of the process.");
        if (!measured) {
            skipped("peer", "Peer: >= 10x less CPU per check and >= 5x less memory than Uptime Kuma",
                    "not measured after every monitor's first check (quick mode): bench/run full peer");
        }
    }

    /** The rows of one window of a peer run; returns Faultline's CPU-per-check and peak-memory ratios to Uptime Kuma. */
    private double[] peerWindow(JsonNode run, JsonNode window) {
        JsonNode kuma = window.path("uptime_kuma");
        JsonNode faultline = window.path("faultline");
        line("    %-12s %8s %8s %7s %14s %10s %18s", "", "checks", "checks/s", "cores", "CPU per check", "peak RSS",
                "monitors checked");
        List<Map.Entry<String, JsonNode>> sides = new ArrayList<>(List.of(Map.entry("Uptime Kuma", kuma), Map.entry("Faultline", faultline)));
        if (window.has("faultline_baseline")) sides.add(Map.entry("Faultline*", window.path("faultline_baseline")));
        for (Map.Entry<String, JsonNode> side : sides) {
            JsonNode f = side.getValue();
            line("    %-12s %8s %8.1f %7.3f %11.3f ms %6d MiB %18s", side.getKey(), count(f.path("checks")),
                    f.path("checks_per_s").asDouble(), f.path("cores").asDouble(), f.path("cpu_ms_per_check").asDouble(),
                    f.path("peak_rss_bytes").asLong() >> 20,
                    f.path("monitors_checked_before_window").asLong() + " before the window");
        }
        double cpuRatio = kuma.path("cpu_ms_per_check").asDouble() / faultline.path("cpu_ms_per_check").asDouble();
        double rssRatio = kuma.path("peak_rss_bytes").asDouble() / faultline.path("peak_rss_bytes").asDouble();
        line("    Faultline: %.1fx less CPU per check, %.1fx less peak memory", cpuRatio, rssRatio);
        line("    CPU by thread (s): Uptime Kuma %s; Faultline %s", kuma.path("cpu_seconds_by_thread"),
                faultline.path("cpu_seconds_by_thread"));
        if (window.has("faultline_baseline")) {
            JsonNode baseline = window.path("faultline_baseline");
            line("    Faultline* is the same server beside them with JVM options '%s' (the JVM's defaults when empty):",
                    run.path("baseline_java_opts").asText());
            line("    the options file gives %.2fx its CPU per check and %.2fx its peak memory",
                    faultline.path("cpu_ms_per_check").asDouble() / baseline.path("cpu_ms_per_check").asDouble(),
                    faultline.path("peak_rss_bytes").asDouble() / baseline.path("peak_rss_bytes").asDouble());
        }
        return new double[] {cpuRatio, rssRatio};
    }

    private static String medianMax(JsonNode summary) {
        return String.format(Locale.ROOT, "%,.0f / %,.0f", summary.path("p50").asDouble(), summary.path("max").asDouble());
    }

    private JsonNode read(String name) {
        return all.path(name);
    }

    private void goal(String id, String goal, boolean met, String detail, double value) {
        goals.addObject().put("id", id).put("goal", goal).put("status", met ? "met" : "missed").put("detail", detail)
                .put("value", value);
    }

    private void skipped(String id, String goal, String why) {
        goals.addObject().put("id", id).put("goal", goal).put("status", "not run").put("detail", why);
    }

    private static String shortBy(double value, double goal) {
        return String.format(Locale.ROOT, ", %.0f%% short of the goal", 100 * (goal - value) / goal);
    }

    private static String over(double value, double goal) {
        return String.format(Locale.ROOT, ", %.0f%% over the goal", 100 * (value - goal) / goal);
    }

    private static String count(JsonNode value) {
        return String.format(Locale.ROOT, "%,.0f", value.asDouble());
    }

    private void line(String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
