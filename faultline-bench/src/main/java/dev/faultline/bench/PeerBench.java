package dev.faultline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The same HTTP monitors in Uptime Kuma and in Faultline, each a whole server as its users run
 * it: {@code node server/server.js} of the npm package (its SQLite database made by its own
 * migrations at install time, the monitors inserted into it before it starts), and
 * {@code java @bin/server.jvm-options -jar faultline.jar run} with a config file, as
 * {@code ./faultline run} starts it. Both check {@code --monitors} URLs spread over the nginx
 * ports from {@code --base-port}, every {@code --interval} seconds (20 s: Uptime Kuma's minimum).
 *
 * <p>The two run side by side, started together and measured over the same window, so that
 * whatever else the machine does hits both alike; at 10 checks a second each takes a few per cent
 * of a core, too little to slow the other. Each is given until every monitor has been checked once
 * (Uptime Kuma starts its monitors 0.3–1 s apart) and at least {@code --warmup} seconds (at most
 * {@code --max-warmup}), then measured over {@code --window} seconds (and, with {@code --settled},
 * over a second window that long after the start, once the JIT's one-time work is done): the process's CPU time from
 * /proc (utime + stime), the checks it stored in that time (rows of Uptime Kuma's
 * {@code heartbeat} table, of Faultline's {@code results} table: the growth of their ids), and its
 * peak RSS (VmHWM) at the end.
 */
public final class PeerBench {

    // HTTP/1.1: an h2c upgrade request is taken by Uptime Kuma's socket.io as a WebSocket upgrade, and never answered.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        int monitors = args.integer("monitors", 100);
        int interval = args.integer("interval", 20);
        Duration window = args.seconds("window", interval);
        Duration warmup = args.seconds("warmup", 0);
        Duration maxWarmup = args.seconds("max-warmup", 3.0 * interval);
        // A second window of the same length this long after the start (0: none): both servers settled.
        Duration settledAt = args.seconds("settled", 0);
        int basePort = Integer.parseInt(args.required("base-port"));
        int ports = args.integer("ports", 100);
        long ticksPerSecond = args.integer("clk-tck", 100);
        Path kuma = Path.of(args.required("kuma"));           // the uptime-kuma package folder
        Path kumaTemplate = Path.of(args.required("kuma-db")); // its migrated, empty kuma.db
        String node = args.text("node", "node");
        String java = args.required("java");
        Path faultlineJar = Path.of(args.required("faultline-jar"));
        List<String> javaOpts = words(args.text("java-opts", ""));
        Path work = Files.createTempDirectory("faultline-peer-bench");
        Path logs = Path.of(args.text("logs", work.toString()));

        List<String> urls = new ArrayList<>();
        for (int i = 0; i < monitors; i++) urls.add("http://127.0.0.1:" + (basePort + i % ports) + "/m/" + i);

        Report report = new Report("peer").put("monitors", monitors).put("interval_s", interval)
                .put("window_s", window.toMillis() / 1e3).put("side_by_side", true);
        List<Running> running = new ArrayList<>();
        try {
            // Uptime Kuma: its own database, with the monitors in it before it starts.
            Path kumaData = Files.createDirectories(work.resolve("kuma"));
            Files.copy(kumaTemplate, kumaData.resolve("kuma.db"));
            Files.writeString(kumaData.resolve("db-config.json"), "{\"type\":\"sqlite\"}\n");
            insertKumaMonitors(kumaData.resolve("kuma.db"), urls, interval);
            int kumaPort = freePort();
            Contender uptimeKuma = new Contender("uptime-kuma", kumaData.resolve("kuma.db"), "SELECT max(id), count(DISTINCT monitor_id) FROM heartbeat",
                    new ProcessBuilder(node, "server/server.js", "--data-dir=" + kumaData, "--port=" + kumaPort, "--host=127.0.0.1")
                            .directory(kuma.toFile()), "http://127.0.0.1:" + kumaPort + "/", logs.resolve("peer-uptime-kuma.log"));

            List<Contender> contenders = new ArrayList<>(List.of(uptimeKuma,
                    faultline("faultline", javaOpts, java, faultlineJar, interval, urls, work, logs)));
            // The same Faultline with other JVM options (the JVM's own defaults, say), beside it: what the options buy.
            Optional<List<String>> baselineOpts = args.has("baseline-java-opts") ? Optional.of(words(args.text("baseline-java-opts", "")))
                    : Optional.empty();
            if (baselineOpts.isPresent()) {
                contenders.add(faultline("faultline-baseline", baselineOpts.get(), java, faultlineJar, interval, urls, work, logs));
            }

            for (Contender contender : contenders) running.add(contender.start(monitors));
            for (Running each : running) each.waitUntilUp();
            settle(running, monitors, warmup, maxWarmup);
            Report.log("peer: all settled; measuring %s, side by side", window);
            measure(running, window, ticksPerSecond).forEach(report::put);
            if (baselineOpts.isPresent()) report.put("baseline_java_opts", String.join(" ", baselineOpts.get()));
            if (!settledAt.isZero()) {
                // At 10 checks/s the JVM's JIT compiles the check path for many minutes (a method called once a check
                // reaches C2's threshold after ~500 s): measured again once that one-time cost is behind both servers.
                long started = running.stream().mapToLong(r -> r.started).min().orElseThrow();
                long wait = started + settledAt.toNanos() - System.nanoTime();
                Report.log("peer: measuring again %s after the start", settledAt);
                if (wait > 0) Thread.sleep(Duration.ofNanos(wait));
                Map<String, Object> again = new LinkedHashMap<>();
                again.put("at_s", settledAt.toSeconds());
                again.putAll(measure(running, window, ticksPerSecond));
                report.put("settled", again);
            }
            report.put("java_opts", String.join(" ", javaOpts));
            report.put("node", run(node, "--version"));
        } finally {
            // Measured and counted: no need for a clean shutdown of a database about to be deleted.
            for (Running each : running) each.stop();
            deleteTree(work);
        }
        report.write(args.text("out", ""));
    }

    /** Faultline with the monitors in a config file of its own, started with these JVM options. */
    private static Contender faultline(String name, List<String> javaOpts, String java, Path jar, int interval, List<String> urls,
                                       Path work, Path logs) throws IOException {
        Path data = Files.createDirectories(work.resolve(name));
        int port = freePort();
        StringBuilder yaml = new StringBuilder()
                .append("server: { host: 127.0.0.1, port: ").append(port).append(", data_dir: \"").append(data).append("\" }\n")
                .append("defaults: { interval: ").append(interval).append("s }\nmonitors:\n");
        for (int i = 0; i < urls.size(); i++) yaml.append("  - { name: m-").append(i).append(", url: \"").append(urls.get(i)).append("\" }\n");
        Path config = work.resolve(name + ".yaml");
        Files.writeString(config, yaml);
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(javaOpts);
        command.addAll(List.of("-jar", jar.toString(), "run", "--config", config.toString()));
        return new Contender(name, data.resolve("faultline.db"), "SELECT max(id), count(DISTINCT monitor_id) FROM results",
                new ProcessBuilder(command), "http://127.0.0.1:" + port + "/healthz", logs.resolve("peer-" + name + ".log"));
    }

    /** One window of every running server, side by side: their figures under their report keys. */
    private static Map<String, Object> measure(List<Running> running, Duration window, long ticksPerSecond)
            throws IOException, InterruptedException {
        for (Running each : running) each.beginWindow();
        Thread.sleep(window);
        for (Running each : running) each.endWindow();
        Thread.sleep(500); // what was checked in the window and is still being written
        Map<String, Object> figures = new LinkedHashMap<>();
        List<String> keys = List.of("uptime_kuma", "faultline", "faultline_baseline");
        for (int i = 0; i < running.size(); i++) figures.put(keys.get(i), running.get(i).figures(ticksPerSecond));
        return figures;
    }

    private static List<String> words(String text) {
        return List.of(text.split("\\s+")).stream().filter(word -> !word.isBlank()).toList();
    }

    /** Until every server has a stored check of every monitor (or the cap), and at least the warm-up. */
    private static void settle(List<Running> running, int monitors, Duration warmup, Duration maxWarmup) throws InterruptedException {
        long started = running.stream().mapToLong(r -> r.started).min().orElseThrow();
        long minEnd = started + warmup.toNanos();
        long maxEnd = started + maxWarmup.toNanos();
        while (System.nanoTime() < maxEnd) {
            boolean all = true;
            for (Running each : running) all &= each.checkedAll();
            if (all && System.nanoTime() >= minEnd) break;
            Thread.sleep(250);
        }
        for (Running each : running) each.settled();
    }

    /** One server under test: how to start it, where it stores its checks, and how to tell that it is up. */
    private record Contender(String name, Path database, String progressQuery, ProcessBuilder command, String upUrl, Path log) {

        Running start(int monitors) throws IOException {
            Report.log("peer: %s, %d monitors: starting", name, monitors);
            return new Running(this, monitors, System.nanoTime(), command.redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }

        /** The highest stored check id and how many monitors have one; zeros before the database exists. */
        long[] progress() {
            if (!Files.exists(database)) return new long[2];
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                 Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 5000");
                try (ResultSet rows = statement.executeQuery(progressQuery)) {
                    rows.next();
                    return new long[] {rows.getLong(1), rows.getLong(2)};
                }
            } catch (SQLException e) {
                // Before the server's migrations made its table, there is nothing stored yet.
                if (e.getMessage() != null && e.getMessage().contains("no such table")) return new long[2];
                throw new IllegalStateException(name + ": reading " + database + ": " + e.getMessage(), e);
            }
        }
    }

    /** A started server and what was read of it. */
    private static final class Running {
        final Contender contender;
        final int monitors;
        final long started;
        final Process process;
        double upSeconds;
        double warmedSeconds;
        long monitorsChecked;
        long id0;
        long cpu0;
        long cpu1;
        long t0;
        long t1;
        Map<String, Long> threads0;
        Map<String, Long> threads1;

        Running(Contender contender, int monitors, long started, Process process) {
            this.contender = contender;
            this.monitors = monitors;
            this.started = started;
            this.process = process;
        }

        void waitUntilUp() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                alive();
                try {
                    HTTP.send(HttpRequest.newBuilder(URI.create(contender.upUrl())).timeout(Duration.ofSeconds(1)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    upSeconds = (System.nanoTime() - started) / 1e9;
                    return;
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
            throw new IllegalStateException(contender.name() + " did not answer " + contender.upUrl() + " within 60 s: see " + contender.log());
        }

        boolean checkedAll() {
            alive();
            return contender.progress()[1] >= monitors;
        }

        void settled() {
            warmedSeconds = (System.nanoTime() - started) / 1e9;
            monitorsChecked = contender.progress()[1];
            Report.log("peer: %s up in %.1f s, %d of %d monitors checked after %.1f s", contender.name(), upSeconds,
                    monitorsChecked, monitors, warmedSeconds);
        }

        void beginWindow() throws IOException {
            threads0 = ticksByThread(process.pid());
            cpu0 = cpuTicks(process.pid());
            id0 = contender.progress()[0];
            t0 = System.nanoTime();
        }

        void endWindow() throws IOException {
            cpu1 = cpuTicks(process.pid());
            t1 = System.nanoTime();
            threads1 = ticksByThread(process.pid());
        }

        Map<String, Object> figures(long ticksPerSecond) throws IOException {
            long checks = contender.progress()[0] - id0;
            long peakRss = status(process.pid(), "VmHWM:");
            long rss = status(process.pid(), "VmRSS:");
            alive();
            double cpuSeconds = (cpu1 - cpu0) / (double) ticksPerSecond;
            double seconds = (t1 - t0) / 1e9;
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("up_s", Samples.round(upSeconds));
            figures.put("warmed_s", Samples.round(warmedSeconds));
            figures.put("monitors_checked_before_window", monitorsChecked);
            figures.put("seconds", Samples.round(seconds));
            figures.put("checks", checks);
            figures.put("checks_per_s", Samples.round(checks / seconds));
            figures.put("cpu_seconds", Samples.round(cpuSeconds));
            figures.put("cores", Samples.round(cpuSeconds / seconds));
            figures.put("cpu_ms_per_check", checks == 0 ? null : Samples.round(1000 * cpuSeconds / checks));
            figures.put("cpu_seconds_by_thread", byThread(threads0, threads1, ticksPerSecond));
            figures.put("peak_rss_bytes", peakRss);
            figures.put("rss_bytes", rss);
            Report.log("peer: %s: %d checks in %.1f s, %.3f cores, %.3f ms CPU per check, peak RSS %d MiB, RSS %d MiB",
                    contender.name(), checks, seconds, cpuSeconds / seconds, checks == 0 ? Double.NaN : 1000 * cpuSeconds / checks,
                    peakRss >> 20, rss >> 20);
            return figures;
        }

        private void alive() {
            if (!process.isAlive()) throw new IllegalStateException(contender.name() + " exited: see " + contender.log());
        }

        void stop() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Monitors as Uptime Kuma's "add monitor" form makes an HTTP one: defaults, the interval, owned by user 1. */
    private static void insertKumaMonitors(Path database, List<String> urls, int interval) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // A set-up instance: an admin exists (its password hash is never used to sign in here).
                statement.executeUpdate("INSERT INTO user (id, username, password, active) VALUES (1, 'bench', 'unused', 1)");
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO monitor (name, active, user_id, interval, url, type, maxretries, retry_interval,
                                         timeout, method, accepted_statuscodes_json, maxredirects)
                    VALUES (?, 1, 1, ?, ?, 'http', 0, ?, ?, 'GET', '["200-299"]', 10)""")) {
                for (int i = 0; i < urls.size(); i++) {
                    insert.setString(1, "m-" + i);
                    insert.setInt(2, interval);
                    insert.setString(3, urls.get(i));
                    insert.setInt(4, interval);
                    insert.setDouble(5, interval * 0.8); // the form's default timeout: 80 % of the interval
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }

    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime, stime, and the children it waited for (cutime, cstime)
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    /** CPU ticks by thread kind (the thread's name with digits as N), from /proc/PID/task/*. */
    static Map<String, Long> ticksByThread(long pid) throws IOException {
        Map<String, Long> ticks = new LinkedHashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "N");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (IOException ended) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return ticks;
    }

    private static Map<String, Double> byThread(Map<String, Long> before, Map<String, Long> after, long ticksPerSecond) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> seconds.put(e.getKey(), Samples.round(e.getValue() / (double) ticksPerSecond)));
        return seconds;
    }

    static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field)) return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) * 1024;
        }
        throw new IllegalStateException(field + " is not in /proc/" + pid + "/status");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes()).trim();
        process.waitFor();
        return out;
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
