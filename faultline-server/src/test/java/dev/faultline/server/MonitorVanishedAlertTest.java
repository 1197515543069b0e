package dev.faultline.server;

import static dev.faultline.server.ServerApiTest.API_TOKEN;
import static dev.faultline.server.ServerApiTest.authorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.alert.Receiver;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.json.Json;
import dev.faultline.testing.HostileServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A monitor taken out of the config file while the server was stopped, with its incident open and
 * announced: at the next start the channels that were told hear once that it was removed (not that
 * it recovered), and a further restart tells them nothing more.
 */
class MonitorVanishedAlertTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aMonitorRemovedFromTheFileWhileStoppedHasItsAnnouncedIncidentResolvedOnceAtStart() throws Exception {
        try (HostileServer target = HostileServer.status(503, Map.of(), "down");
             Receiver hooks = Receiver.answering(204, "")) {
            JsonNode opened;
            try (FaultlineServer server = start(hooks, """
                    monitors:
                      - { name: shop, url: "%s" }
                    """.formatted(target.url("/")))) {
                await().atMost(Duration.ofSeconds(20)).until(() -> events(hooks, "incident.opened").size() == 1);
                opened = events(hooks, "incident.opened").getFirst();
                assertThat(opened.at("/monitor/id").asText()).isEqualTo("shop");
            }

            try (FaultlineServer server = start(hooks, "monitors: []\n")) {
                await().atMost(Duration.ofSeconds(15)).until(() -> events(hooks, "incident.resolved").size() == 1);
                JsonNode resolution = events(hooks, "incident.resolved").getFirst();
                assertThat(resolution.get("reason").asText()).isEqualTo("monitor_removed");
                assertThat(resolution.get("incident_id").asText()).isEqualTo(opened.get("incident_id").asText());
                assertThat(resolution.get("dedup_key").asText()).isEqualTo(opened.get("dedup_key").asText());
                assertThat(resolution.get("severity").asText()).isEqualTo(opened.get("severity").asText());
                assertThat(resolution.at("/monitor/name").asText()).isEqualTo("shop");
                assertThat(resolution.at("/monitor/url").asText()).isEqualTo(target.url("/").toString());
                assertThat(resolution.at("/diagnosis/summary").asText()).startsWith("Monitor removed while down — no longer watched");

                URI base = URI.create("http://127.0.0.1:" + server.port());
                JsonNode incident = Json.mapper().readTree(http.send(authorized(base.resolve("/api/v1/incidents/"
                        + opened.get("incident_id").asText())).build(), HttpResponse.BodyHandlers.ofString()).body());
                assertThat(incident.toString()).contains("monitor_removed");
                Thread.sleep(2000);
            }

            try (FaultlineServer server = start(hooks, "monitors: []\n")) {
                Thread.sleep(3000); // time enough for a second resolution, were one sent
            }
            assertThat(events(hooks, "incident.resolved")).hasSize(1);
            assertThat(hooks.received()).hasSize(2);
        }
    }

    private FaultlineServer start(Receiver hooks, String monitors) {
        String yaml = """
                server: { port: 0, data_dir: "%s", api_tokens: [{ name: test, token: "%s", role: admin }] }
                defaults: { interval: 1s, timeout: 1s }
                confirm: { quorum: 2, window: 30s, period: 0s, recovery: 2 }
                channels:
                  - { name: hooks, type: webhook, url: "%s" }
                """.formatted(dir, API_TOKEN, hooks.url("/hooks")) + monitors;
        FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "vanished.yaml")).config();
        return FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC());
    }

    private static List<JsonNode> events(Receiver receiver, String event) {
        return receiver.received().stream().map(Receiver.Received::json).filter(j -> j.get("event").asText().equals(event)).toList();
    }
}
