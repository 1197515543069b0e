package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.json.Json;
import dev.faultline.testing.HostileServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code faultline run} killed with SIGKILL ({@code destroyForcibly}) on the alert path: the
 * incident's opening was committed with the incident itself, so the restarted server sends it
 * (once, under the same Idempotency-Key) without opening a second incident, and a send that had
 * succeeded before the kill is never made again. The receiver counts every delivery.
 */
class AlertCrashTest {

    private static final Pattern RUNNING = Pattern.compile("Faultline is running: http://127\\.0\\.0\\.1:(\\d+)/");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aKillInTheMiddleOfTheOpeningsSendDeliversItOnceAfterTheRestartAndResolvesTheSameIncident() throws Exception {
        // The first request is taken in and held: the server dies before it hears the answer.
        try (CountingReceiver receiver = new CountingReceiver(n -> n == 1 ? Duration.ofSeconds(60) : Duration.ZERO);
             HostileServer target = HostileServer.status(502, Map.of(), "bad gateway")) {
            Path file = config(receiver, target);
            Process child = start(file);
            try {
                awaitPort(child);
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.deliveries().size() == 1);
            } finally {
                kill(child);
            }

            try (FaultlineServer restarted = FaultlineServer.start(load(file), Optional.empty(), Map.of(), Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(15)).until(() -> receiver.of("incident.opened").size() == 2);
                assertThat(receiver.shown("incident.opened")).isEqualTo(1);
                Thread.sleep(2500); // checks go on failing: no second incident, no second opening
                assertThat(receiver.of("incident.opened")).hasSize(2);
                assertThat(get(restarted.port(), "/api/v1/incidents")).hasSize(1);

                target.switchToStatus(200, Map.of(), "ok");
                await().atMost(Duration.ofSeconds(15)).until(() -> receiver.of("incident.resolved").size() == 1);
                Thread.sleep(1500);
                assertThat(receiver.of("incident.resolved")).hasSize(1);
                assertThat(receiver.of("incident.resolved").getFirst().body().get("dedup_key").asText())
                        .isEqualTo(receiver.of("incident.opened").getFirst().body().get("dedup_key").asText());
            }
        }
    }

    @Test
    void aSendThatSucceededBeforeTheKillIsNeverMadeAgain() throws Exception {
        try (CountingReceiver receiver = CountingReceiver.answering();
             HostileServer target = HostileServer.status(503, Map.of(), "busy")) {
            Path file = config(receiver, target);
            Process child = start(file);
            try {
                int port = awaitPort(child);
                await().atMost(Duration.ofSeconds(30)).until(() -> sent(port) == 1);
            } finally {
                kill(child);
            }
            assertThat(receiver.of("incident.opened")).hasSize(1);

            try (FaultlineServer restarted = FaultlineServer.start(load(file), Optional.empty(), Map.of(), Clock.systemUTC())) {
                Thread.sleep(3000); // the restarted server checks the failing target every second
                assertThat(receiver.of("incident.opened")).hasSize(1);
                target.switchToStatus(200, Map.of(), "ok");
                await().atMost(Duration.ofSeconds(15)).until(() -> receiver.of("incident.resolved").size() == 1);
                Thread.sleep(1500);
                assertThat(receiver.deliveries()).extracting(CountingReceiver.Delivery::event)
                        .containsExactly("incident.opened", "incident.resolved");
            }
        }
    }

    private Path config(CountingReceiver receiver, HostileServer target) throws Exception {
        Path file = dir.resolve("faultline.yaml");
        Files.writeString(file, """
                server: { port: 0, data_dir: "%s", api_tokens: [{ name: test, token: "test-token-0123456789abcdef", role: admin }] }
                defaults: { interval: 1s, timeout: 1s }
                confirm: { quorum: 2, window: 30s, period: 0s, recovery: 2 }
                channels:
                  - { name: pager, type: webhook, url: "%s", severities: [critical] }
                monitors:
                  - { name: api, url: "%s" }
                """.formatted(dir.resolve("data"), receiver.url(), target.url("/")));
        return file;
    }

    private static FaultlineConfig load(Path file) {
        return ((LoadResult.Loaded) new ConfigLoader(Map.of()).load(file)).config();
    }

    private Process start(Path file) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.faultline.cli.Main", "run", "--config", file.toString())
                .redirectError(dir.resolve("server.log").toFile()).start();
    }

    private static void kill(Process child) throws Exception {
        child.destroyForcibly(); // SIGKILL
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);
    }

    private static int awaitPort(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream()));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            Matcher m = RUNNING.matcher(line);
            if (m.find()) return Integer.parseInt(m.group(1));
        }
        throw new AssertionError("the server did not say it was running");
    }

    private long sent(int port) throws Exception {
        JsonNode alerts = get(port, "/api/v1/alerts?state=sent");
        return alerts.size();
    }

    /** Every API call of this test goes through here. */
    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(ServerApiTest.authorized(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(response.body());
    }
}
