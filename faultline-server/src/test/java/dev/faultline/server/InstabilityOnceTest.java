package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.faultline.alert.Receiver;
import dev.faultline.anomaly.RollupRows;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.json.Json;
import dev.faultline.store.Store;
import dev.faultline.store.StoreSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frequent blips on a real server whose stored history also shows brief 5xx bursts: the incident
 * engine warns of instability at once, the anomaly evaluator's first pass (20 s after the start)
 * finds the same instability in the rollups and stores it, and the warning channel hears it once.
 */
class InstabilityOnceTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void frequentBlipsReachTheWarningChannelAsExactlyOneInstabilityMessage() throws Exception {
        // Every third request fails: a check fails, its re-check passes (a blip), and so on.
        AtomicInteger requests = new AtomicInteger();
        HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/", exchange -> {
            int status = requests.getAndIncrement() % 3 == 0 ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        target.start();
        Instant now = Instant.now();
        Store.open(StoreSettings.sqlite(dataDir)).close(); // the schema, for the history below
        RollupRows history = new RollupRows(now).everyMinute("api", "local", now.minus(Duration.ofDays(8)),
                now.minus(Duration.ofMinutes(1)), 200);
        for (int hoursAgo : new int[] {20, 9, 3}) {
            for (int minute = 0; minute < 3; minute++) {
                history.add("api", "local", now.minus(Duration.ofHours(hoursAgo)).plusSeconds(60L * minute), 502);
            }
        }
        history.writeTo(Jdbi.create("jdbc:sqlite:" + dataDir.resolve("faultline.db")));
        try (Receiver team = Receiver.answering(200, "ok"); Receiver pager = Receiver.answering(200, "ok")) {
            String yaml = """
                    server: { port: 0, data_dir: "%s", api_tokens: [{ name: test, token: "%s", role: admin }] }
                    defaults: { interval: 1s, timeout: 1s }
                    channels:
                      - { name: team, type: webhook, url: "%s", severities: [warning] }
                      - { name: pager, type: webhook, url: "%s", severities: [critical] }
                    monitors:
                      - { name: api, url: "http://127.0.0.1:%d/" }
                    """.formatted(dataDir, ServerApiTest.API_TOKEN, team.url("/team"), pager.url("/pager"),
                    target.getAddress().getPort());
            FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "blips.yaml")).config();
            try (FaultlineServer server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC())) {
                URI anomalies = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/anomalies");
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    JsonNode stored = Json.mapper().readTree(http.send(ServerApiTest.authorized(anomalies).build(),
                            HttpResponse.BodyHandlers.ofString()).body());
                    return stored.size() == 1 && stored.get(0).path("kind").asText().equals("instability");
                });
                await().atMost(Duration.ofSeconds(10)).until(() -> !instability(team).isEmpty());
                Thread.sleep(3000); // room for a second one, were it sent

                List<JsonNode> heard = instability(team);
                assertThat(heard).hasSize(1);
                // The engine's, which came first: the anomaly is stored but not announced again.
                assertThat(heard.getFirst().path("dedup_key").asText()).startsWith("faultline/api/instability/");
                assertThat(heard.getFirst().path("monitor").path("id").asText()).isEqualTo("api");
                assertThat(pager.received()).isEmpty();
            }
        } finally {
            target.stop(0);
        }
    }

    private static List<JsonNode> instability(Receiver receiver) {
        return receiver.received().stream().map(Receiver.Received::json)
                .filter(j -> j.path("event").asText().equals("instability")).toList();
    }
}
