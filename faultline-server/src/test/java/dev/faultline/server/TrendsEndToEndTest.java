package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.alert.Receiver;
import dev.faultline.anomaly.RollupRows;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.json.Json;
import dev.faultline.store.Store;
import dev.faultline.store.StoreSettings;
import dev.faultline.testing.HostileServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as started from a file: a monitor whose stored history shows a rising 404 rate gets
 * one warning anomaly from the server's own evaluator (its first pass comes 20 s after the start),
 * announced to the warning channel and never to the critical one, with no incident; and a digest
 * whose time passed before the start is sent at once.
 */
class TrendsEndToEndTest {

    @TempDir
    static Path dataDir;

    static final HttpClient http = HttpClient.newHttpClient();
    static Receiver team;
    static Receiver pager;
    static HostileServer target;
    static FaultlineServer server;

    @BeforeAll
    static void start() {
        team = Receiver.answering(200, "ok");
        pager = Receiver.answering(200, "ok");
        target = HostileServer.status(200, Map.of(), "ok");
        Instant now = Instant.now();
        Store.open(StoreSettings.sqlite(dataDir)).close(); // the schema, for the history below
        Jdbi sql = Jdbi.create("jdbc:sqlite:" + dataDir.resolve("faultline.db"));
        RollupRows history = new RollupRows(now).everyMinute("api", "local", now.minus(Duration.ofDays(8)),
                now.minus(Duration.ofDays(1)), 200);
        history.everyMinute("api", "local", now.minus(Duration.ofDays(1)), now.minus(Duration.ofMinutes(1)),
                minute -> minute % 10 == 9 ? 404 : 200);
        history.writeTo(sql);
        String digestAt = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC)
                .format(now.minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MINUTES));
        String yaml = """
                server: { port: 0, data_dir: "%s", api_tokens: [{ name: test, token: "test-token-0123456789abcdef", role: admin }] }
                channels:
                  - { name: team, type: webhook, url: "%s", severities: [warning, info] }
                  - { name: pager, type: webhook, url: "%s", severities: [critical] }
                monitors:
                  - { name: api, url: "%s", interval: 1h }
                digest: { at: "%s", channels: [team] }
                """.formatted(dataDir, team.url("/hook"), pager.url("/hook"), target.url("/"), digestAt);
        FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "test.yaml")).config();
        server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        server.close();
        team.close();
        pager.close();
        target.close();
    }

    @Test
    void aRising404RateBecomesOneWarningAnomalyAndOneWarningAlertAndNoIncident() throws Exception {
        JsonNode anomalies = awaitNonEmpty("/api/v1/anomalies", Duration.ofSeconds(60));
        assertThat(anomalies).hasSize(1);
        assertThat(anomalies.get(0).path("kind").asText()).isEqualTo("rising_404");
        assertThat(anomalies.get(0).path("severity").asText()).isEqualTo("warning");

        List<Receiver.Received> warnings = awaitRequests(team, "warning", Duration.ofSeconds(20));
        assertThat(warnings).hasSize(1);
        assertThat(warnings.getFirst().json().path("monitor").path("id").asText()).isEqualTo("api");
        assertThat(warnings.getFirst().json().path("cause").asText()).isEqualTo("not_found");
        assertThat(pager.received()).isEmpty();
        assertThat(get("/api/v1/incidents")).isEmpty();
        assertThat(get("/api/v1/monitors/api/trends").path("open_anomalies").get(0).path("kind").asText()).isEqualTo("rising_404");
    }

    @Test
    void theDigestDueBeforeTheStartIsSentOnceAtStart() throws Exception {
        List<Receiver.Received> digests = awaitRequests(team, "digest", Duration.ofSeconds(20));
        assertThat(digests).hasSize(1);
        assertThat(digests.getFirst().json().path("digest").path("headline").asText()).startsWith("Faultline digest for the 24 h to ");
        assertThat(pager.received()).isEmpty();
    }

    private static List<Receiver.Received> awaitRequests(Receiver receiver, String event, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            List<Receiver.Received> matching = receiver.received().stream()
                    .filter(r -> event.equals(r.header("X-Faultline-Event"))).toList();
            if (!matching.isEmpty() || System.nanoTime() > deadline) return matching;
            Thread.sleep(100);
        }
    }

    private static JsonNode awaitNonEmpty(String path, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        JsonNode answer = get(path);
        while (answer.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            answer = get(path);
        }
        return answer;
    }

    /** Every request of this class goes through here (the place to add an API token). */
    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(ServerApiTest.authorized(URI.create("http://127.0.0.1:" + server.port() + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }
}
