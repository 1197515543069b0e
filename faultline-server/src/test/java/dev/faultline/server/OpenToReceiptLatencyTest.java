package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.json.Json;
import dev.faultline.testing.HostileServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * How long from an incident opening to its page arriving at a webhook: 20 monitors fail at once
 * on a running server; for each incident, the receiver's arrival time minus the incident's
 * {@code opened_at}. The figures are logged (never asserted: a shared machine's speed is not a
 * property of the code); what is asserted is that each incident pages exactly once.
 */
class OpenToReceiptLatencyTest {

    private static final int MONITORS = 20;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void twentyIncidentsEachPageOnceAndTheTimeFromOpeningToReceiptIsLogged() throws Exception {
        try (CountingReceiver pager = CountingReceiver.answering();
             HostileServer target = HostileServer.status(200, Map.of(), "ok")) {
            // A channel per monitor: the per-channel rate limit (bursts of 10) would otherwise hold the later ones back.
            StringBuilder monitors = new StringBuilder();
            StringBuilder channels = new StringBuilder();
            for (int i = 0; i < MONITORS; i++) {
                monitors.append("  - { name: m").append(i).append(", url: \"").append(target.url("/" + i))
                        .append("\", channels: [pager").append(i).append("] }\n");
                channels.append("  - { name: pager").append(i).append(", type: webhook, url: \"").append(pager.url())
                        .append("\", severities: [critical] }\n");
            }
            String yaml = """
                    server: { port: 0, data_dir: "%s", api_tokens: [{ name: test, token: "test-token-0123456789abcdef", role: admin }] }
                    defaults: { interval: 1s, timeout: 1s }
                    confirm: { quorum: 2, window: 30s, period: 0s, recovery: 2 }
                    channels:
                    %smonitors:
                    %s""".formatted(dir, channels, monitors);
            FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "latency.yaml")).config();
            try (FaultlineServer server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(15)).until(() -> target.hits() >= 2 * MONITORS);
                target.switchToStatus(503, Map.of(), "down");
                await().atMost(Duration.ofSeconds(30)).until(() -> pager.of("incident.opened").size() == MONITORS);

                Map<String, Instant> enqueuedAt = new HashMap<>();
                for (JsonNode alert : Json.mapper().readTree(http.send(ServerApiTest.authorized(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/v1/alerts")).build(),
                        HttpResponse.BodyHandlers.ofString()).body())) {
                    enqueuedAt.put(alert.at("/notification/incident_id").asText(), Instant.parse(alert.get("created_at").asText()));
                }
                Map<String, Instant> openedAt = new HashMap<>();
                for (JsonNode incident : Json.mapper().readTree(http.send(ServerApiTest.authorized(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/v1/incidents")).build(),
                        HttpResponse.BodyHandlers.ofString()).body())) {
                    openedAt.put(incident.get("id").asText(), Instant.parse(incident.get("opened_at").asText()));
                }
                assertThat(openedAt).hasSize(MONITORS);
                List<Long> millis = new ArrayList<>();
                List<Long> committing = new ArrayList<>();
                List<Long> dispatching = new ArrayList<>();
                for (CountingReceiver.Delivery page : pager.of("incident.opened")) {
                    String id = page.body().get("incident_id").asText();
                    millis.add(Duration.between(openedAt.get(id), page.arrivedAt()).toMillis());
                    committing.add(Duration.between(openedAt.get(id), enqueuedAt.get(id)).toMillis());
                    dispatching.add(Duration.between(enqueuedAt.get(id), page.arrivedAt()).toMillis());
                }
                Collections.sort(committing);
                Collections.sort(dispatching);
                assertThat(pager.shown("incident.opened")).isEqualTo(MONITORS);
                Collections.sort(millis);
                LoggerFactory.getLogger(getClass()).info("incident opened → webhook received, over {} incidents: median {} ms,"
                        + " min {} ms, max {} ms (all: {})", millis.size(), (millis.get(9) + millis.get(10)) / 2, millis.getFirst(),
                        millis.getLast(), millis);
                LoggerFactory.getLogger(getClass()).info("  of which opened_at → outbox row (the step's transaction): median {} ms;"
                        + " outbox row → received (dispatch and send): median {} ms", (committing.get(9) + committing.get(10)) / 2,
                        (dispatching.get(9) + dispatching.get(10)) / 2);
            }
        }
    }
}
