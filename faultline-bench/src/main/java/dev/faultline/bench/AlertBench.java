package dev.faultline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.faultline.config.AgentConfig;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.json.Json;
import dev.faultline.server.FaultlineServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.LoggerFactory;

/**
 * Time to alert: a real Faultline server (in this process, with its defaults: the confirmation
 * policy, the outbox, the webhook channel) watches {@code --monitors} local targets at
 * {@code --interval}; each target is flipped from 200 to 503 at a random instant of the interval,
 * all at once, each an independent repetition. Every target records the instant it first answered
 * 503 and every 503 after; a local receiver records when the webhook's {@code incident.opened}
 * arrives. Reported per repetition and as median and max:
 * <ul>
 *   <li><b>failing → webhook</b>: the flip → the webhook, what the outage costs before someone knows;</li>
 *   <li><b>waiting for the check</b>: flip → first failing response; the check interval's part,
 *       uniform over [0, interval/n) with n regions, which take turns over the interval;</li>
 *   <li><b>first failing response → webhook</b>: what the issue calls the time to alert;</li>
 *   <li><b>after the confirming checks</b>: the last 503 the target answered before the webhook
 *       arrived → the webhook; Faultline's own delay (the goal: under 3 s).</li>
 * </ul>
 *
 * <p>Regions: {@code --regions=1} is the server's own {@code local} probe; {@code --regions=3} adds
 * two probe agents ({@code faultline probe}, regions {@code a} and {@code b}), each a process of
 * its own started from this classpath against {@link FaultlineServer#port()}, and lists
 * {@code [local, a, b]} on every monitor with the shipped confirmation quorum (2). A target flips only
 * once every region has checked it, so the failure is confirmed across regions and not by a region
 * that has not started yet. Every failing response is recorded with the region that asked (the
 * User-Agent names it), so each repetition says which region's check confirmed.
 */
public final class AlertBench {

    private static final String LOCAL = AgentConfig.LOCAL_REGION;

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Duration interval = args.seconds("interval", 10);
        int monitors = args.integer("monitors", 3);
        int regionCount = args.integer("regions", 1);
        List<String> regions = regions(regionCount);
        // The server's INFO lines would bury the benchmark's own; its warnings still show.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);

        List<Target> targets = IntStream.range(0, monitors).mapToObj(i -> new Target("target-" + i, interval, regions)).toList();
        List<Arrival> arrivals = new CopyOnWriteArrayList<>();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        for (Target target : targets) http.createContext("/" + target.name, target::answer);
        http.createContext("/hook", exchange -> {
            Instant at = Instant.now();
            JsonNode body = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
            arrivals.add(new Arrival(body.path("monitor").path("name").asText(), body.path("event").asText(), at));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        http.start();
        int port = http.getAddress().getPort();
        Path dataDir = Files.createTempDirectory("faultline-alert-bench");
        Map<String, String> agentTokens = new LinkedHashMap<>();
        for (String region : regions) {
            if (!region.equals(LOCAL)) agentTokens.put(region, "alert-bench-" + region + "-" + UUID.randomUUID());
        }
        List<Process> agents = new ArrayList<>();
        try (FaultlineServer server = FaultlineServer.start(config(dataDir, port, targets, interval, regions, agentTokens),
                Optional.empty(), Map.of(), Clock.systemUTC())) {
            Report.log("alert: %d monitors every %s, %d region(s) %s; server on port %d", monitors, interval, regions.size(),
                    regions, server.port());
            String out = args.text("out", "");
            try {
                for (Map.Entry<String, String> agent : agentTokens.entrySet()) {
                    agents.add(startAgent(agent.getKey(), agent.getValue(), server.port(), dataDir, out));
                }
                // Each target fails at a random instant of the interval after every region's first check (see
                // Target.answer): the check it then waits for is anywhere in that interval. First checks come within
                // an interval (plus an agent's start), detection needs the next check, its confirmation and the send.
                long deadline = System.nanoTime() + interval.multipliedBy(agents.isEmpty() ? 2 : 3).plusSeconds(30).toNanos();
                while (targets.stream().anyMatch(t -> opened(arrivals, t.name).isEmpty())) {
                    if (System.nanoTime() > deadline) break;
                    for (Process agent : agents) {
                        if (!agent.isAlive()) throw new IllegalStateException("a probe agent exited with status "
                                + agent.exitValue() + (out.isEmpty() ? "" : ": see its log beside " + out));
                    }
                    Thread.sleep(20);
                }
            } finally {
                // Before the server: an agent that outlives it only logs that it cannot reach it.
                for (Process agent : agents) {
                    agent.destroy();
                    if (!agent.waitFor(10, TimeUnit.SECONDS)) agent.destroyForcibly();
                }
            }
        } finally {
            http.stop(0);
            deleteTree(dataDir);
        }

        Samples outage = new Samples();
        Samples waiting = new Samples();
        Samples toAlert = new Samples();
        Samples afterConfirm = new Samples();
        Map<String, Samples> afterConfirmBy = new LinkedHashMap<>(); // by the region of the confirming check
        List<Map<String, Object>> runs = new ArrayList<>();
        int missed = 0;
        for (Target target : targets) {
            Optional<Instant> alert = opened(arrivals, target.name);
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("monitor", target.name);
            if (alert.isEmpty() || target.firstFailure == null || target.flippedAt == null) {
                missed++;
                run.put("alert", "none within the deadline");
                runs.add(run);
                continue;
            }
            List<Failure> failuresBefore = target.failures.stream().filter(f -> !f.at().isAfter(alert.get())).toList();
            Instant lastConfirming = failuresBefore.getLast().at();
            String confirmingRegion = failuresBefore.getLast().region();
            long waitMs = Duration.between(target.flippedAt, target.firstFailure).toMillis();
            long alertMs = Duration.between(target.firstFailure, alert.get()).toMillis();
            long afterMs = Duration.between(lastConfirming, alert.get()).toMillis();
            outage.add(Duration.between(target.flippedAt, alert.get()).toMillis());
            waiting.add(waitMs);
            toAlert.add(alertMs);
            afterConfirm.add(afterMs);
            afterConfirmBy.computeIfAbsent(confirmingRegion.equals(LOCAL) ? LOCAL : "agent", k -> new Samples()).add(afterMs);
            run.put("failing_to_webhook_ms", Duration.between(target.flippedAt, alert.get()).toMillis());
            run.put("waiting_for_check_ms", waitMs);
            run.put("first_failure_to_webhook_ms", alertMs);
            run.put("failing_checks_before_webhook", failuresBefore.size());
            run.put("failing_checks_before_webhook_by_region", failuresBefore.stream()
                    .collect(Collectors.groupingBy(Failure::region, TreeMap::new, Collectors.counting())));
            run.put("first_failing_region", failuresBefore.getFirst().region());
            run.put("confirming_region", confirmingRegion);
            run.put("confirming_check_after_first_ms", Duration.between(target.firstFailure, lastConfirming).toMillis());
            run.put("after_confirming_checks_ms", afterMs);
            runs.add(run);
        }
        new Report("alert")
                .put("interval_s", interval.toMillis() / 1e3)
                .put("regions", regions.size())
                .put("region_names", regions)
                .put("repetitions", monitors)
                .put("missed", missed)
                .put("failing_to_webhook_ms", outage.summary(1))
                .put("waiting_for_check_ms", waiting.summary(1))
                .put("first_failure_to_webhook_ms", toAlert.summary(1))
                .put("after_confirming_checks_ms", afterConfirm.summary(1))
                .put("after_confirming_checks_ms_by_confirming_region", afterConfirmBy.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().summary(1), (a, b) -> a, LinkedHashMap::new)))
                .put("runs", runs)
                .write(args.text("out", ""));
        Report.log("alert: %s interval, %d region(s): first failing response → webhook median %d ms, max %d ms; "
                        + "after the confirming checks median %d ms, max %d ms; waiting for the check median %d ms; %d missed",
                interval, regions.size(), toAlert.percentile(0.5), toAlert.max(), afterConfirm.percentile(0.5),
                afterConfirm.max(), waiting.percentile(0.5), missed);
    }

    /**
     * The regions every monitor is checked from: the server's own probe, and for 3 two agents of this
     * machine (the agents' regions are every region but {@link #LOCAL}).
     */
    static List<String> regions(int count) {
        return switch (count) {
            case 1 -> List.of(LOCAL);
            case 3 -> List.of(LOCAL, "a", "b");
            default -> throw new IllegalArgumentException("--regions=" + count + ": 1 (the local probe) or 3 (local and two agents)");
        };
    }

    /**
     * {@code faultline probe} for one region, a JVM of its own from this benchmark's classpath (the
     * server's jar is on it), as an agent runs: its log goes beside the benchmark's output.
     */
    private static Process startAgent(String region, String token, int serverPort, Path dataDir, String out) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path log = out.isEmpty() ? dataDir.resolve("agent-" + region + ".log")
                : Path.of(out.replaceFirst("\\.json$", "") + "-agent-" + region + ".log");
        List<String> command = new ArrayList<>(List.of(java));
        // The JVM options ./faultline gives 'probe' (bench/run names the file), as an agent is started.
        String jvmOptions = System.getProperty("faultline.bench.server-jvm-options", "");
        if (!jvmOptions.isEmpty()) command.add("@" + jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.faultline.cli.Main", "probe",
                "--server", "http://127.0.0.1:" + serverPort, "--region", region, "--token", token,
                "--buffer-dir", dataDir.resolve("agent-buffer-" + region).toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static FaultlineConfig config(Path dataDir, int port, List<Target> targets, Duration interval,
                                          List<String> regions, Map<String, String> agentTokens) {
        String monitors = targets.stream()
                .map(t -> "  - { name: %s, url: \"http://127.0.0.1:%d/%s\", interval: %ds, regions: [%s] }"
                        .formatted(t.name, port, t.name, interval.toSeconds(), String.join(", ", regions)))
                .collect(Collectors.joining("\n"));
        String agents = agentTokens.isEmpty() ? "" : "agents:\n" + agentTokens.entrySet().stream()
                .map(e -> "  - { region: %s, token: \"%s\" }".formatted(e.getKey(), e.getValue()))
                .collect(Collectors.joining("\n")) + "\n";
        // The shipped defaults for everything else: confirmation policy (quorum 2), timeouts, dispatch.
        String yaml = """
                server: { host: 127.0.0.1, port: 0, data_dir: "%s" }
                channels:
                  - { name: pager, type: webhook, url: "http://127.0.0.1:%d/hook", severities: [critical] }
                %smonitors:
                %s
                """.formatted(dataDir, port, agents, monitors);
        return switch (new ConfigLoader(Map.of()).parse(yaml, "alert-bench.yaml")) {
            case LoadResult.Loaded loaded -> loaded.config();
            case LoadResult.Rejected rejected -> throw new IllegalStateException("the benchmark's config does not load: "
                    + rejected.errors());
        };
    }

    private static Optional<Instant> opened(List<Arrival> arrivals, String monitor) {
        return arrivals.stream().filter(a -> a.monitor.equals(monitor) && a.event.equals("incident.opened"))
                .map(Arrival::at).findFirst();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
    }

    private record Arrival(String monitor, String event, Instant at) {
    }

    /** A failing response and the region whose check it answered. */
    private record Failure(Instant at, String region) {
    }

    /** The region a check came from, by its User-Agent ({@code Faultline/<version> (+region=<name>)}). */
    private static String region(HttpExchange exchange) {
        String agent = Optional.ofNullable(exchange.getRequestHeaders().getFirst("User-Agent")).orElse("");
        int at = agent.indexOf("(+region=");
        return at < 0 || !agent.endsWith(")") ? "?" : agent.substring(at + "(+region=".length(), agent.length() - 1);
    }

    /** A target that answers 200 until it is flipped, then 503; it records when it answered what, and to which region. */
    private static final class Target {
        final String name;
        final Duration interval;
        final Set<String> unseen; // regions that have not checked it yet; guarded by this
        boolean flipScheduled; // guarded by this
        volatile Instant flippedAt;
        volatile Instant firstFailure;
        final List<Failure> failures = new CopyOnWriteArrayList<>();

        Target(String name, Duration interval, List<String> regions) {
            this.name = name;
            this.interval = interval;
            this.unseen = new HashSet<>(regions);
        }

        /** After every region's first check: fail at a random instant of the interval that follows. */
        private void failSoon() {
            long delay = ThreadLocalRandom.current().nextLong(interval.toMillis());
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(delay);
                    flippedAt = Instant.now();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        void answer(HttpExchange exchange) throws IOException {
            exchange.getRequestBody().readAllBytes();
            String region = region(exchange);
            boolean failing = flippedAt != null;
            byte[] body = (failing ? "down" : "ok").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(failing ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close(); // the response is out: this is when the check got its answer
            Instant at = Instant.now();
            if (failing) {
                synchronized (this) {
                    if (firstFailure == null) firstFailure = at;
                }
                failures.add(new Failure(at, region));
            } else {
                synchronized (this) {
                    unseen.remove(region);
                    if (unseen.isEmpty() && !flipScheduled) {
                        flipScheduled = true;
                        failSoon();
                    }
                }
            }
        }
    }
}
