package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code faultline run} killed with SIGKILL while it writes: the store opens again intact and
 * keeps every result written more than a second before the kill.
 */
class ServerCrashTest {

    private static final Pattern RUNNING = Pattern.compile("Faultline is running: http://127\\.0\\.0\\.1:(\\d+)/");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aKilledServerLosesAtMostTheLastSecond() throws Exception {
        try (HostileServer target = HostileServer.status(200, Map.of(), "ok")) {
            StringBuilder monitors = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                monitors.append("  - { name: m").append(i).append(", url: \"").append(target.url("/" + i)).append("\" }\n");
            }
            Path file = dir.resolve("faultline.yaml");
            Files.writeString(file, "server: { port: 0, data_dir: \"" + dir.resolve("data") + "\", api_tokens: [{ name: test, token: " + API_TOKEN + ", role: admin }] }\n"
                    + "defaults: { interval: 1s, timeout: 1s }\nmonitors:\n" + monitors);

            Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "dev.faultline.cli.Main", "run", "--config", file.toString())
                    .redirectError(dir.resolve("server.log").toFile()).start();
            Set<String> before;
            Instant killedAt;
            int checksAnswered;
            try {
                int port = awaitPort(server);
                Thread.sleep(4000);
                before = resultTimes(port, "m3");
                killedAt = Instant.now();
            } finally {
                server.destroyForcibly(); // SIGKILL, mid-write: 20 checks a second are landing
                server.waitFor(10, TimeUnit.SECONDS);
                checksAnswered = target.hits();
            }
            assertThat(before).hasSizeGreaterThan(2);

            try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/faultline.db"));
                 ResultSet check = sqlite.createStatement().executeQuery("PRAGMA integrity_check")) {
                check.next();
                assertThat(check.getString(1)).isEqualTo("ok");
            }

            FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).load(file)).config();
            try (FaultlineServer restarted = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC())) {
                Set<String> after = resultTimes(restarted.port(), "m3");
                Set<String> olderThanASecond = new HashSet<>();
                before.stream().filter(t -> Instant.parse(t).isBefore(killedAt.minusSeconds(1))).forEach(olderThanASecond::add);
                assertThat(olderThanASecond).isNotEmpty();
                assertThat(after).containsAll(olderThanASecond);

                // Every check the target answered is stored, but for about the last second's worth
                // (20 monitors at 1 s, plus the ones in flight at the kill).
                int stored = 0;
                for (int i = 0; i < 20; i++) {
                    stored += (int) resultTimes(restarted.port(), "m" + i).stream()
                            .filter(t -> Instant.parse(t).isBefore(killedAt)).count(); // not the restarted server's own
                }
                assertThat(checksAnswered - stored).isBetween(0, 40);
            }
        }
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

    private Set<String> resultTimes(int port, String monitor) throws Exception {
        HttpResponse<String> response = http.send(authorized(
                URI.create("http://127.0.0.1:" + port + "/api/v1/monitors/" + monitor + "/results?limit=1000")).build(),
                HttpResponse.BodyHandlers.ofString());
        Set<String> times = new HashSet<>();
        for (JsonNode result : Json.mapper().readTree(response.body())) times.add(result.get("time").asText());
        return times;
    }

    // Every API call carries the config file's admin token (server.api_tokens).
    static final String API_TOKEN = "test-token-0123456789abcdef";

    static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + API_TOKEN);
    }
}
