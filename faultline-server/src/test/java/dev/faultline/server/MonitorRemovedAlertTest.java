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
import java.net.http.HttpRequest;
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
 * A monitor deleted through the API while its incident is open: the channels that were paged hear
 * once that it was removed (not that it recovered), and PagerDuty resolves what it opened.
 */
class MonitorRemovedAlertTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void deletingAMonitorWhileItIsDownResolvesItsIncidentOnceSayingItWasRemoved() throws Exception {
        try (HostileServer target = HostileServer.status(503, Map.of(), "down");
             Receiver hooks = Receiver.answering(204, "");
             Receiver pagerduty = Receiver.answering(202, "{\"status\":\"success\"}")) {
            String yaml = """
                    server: { port: 0, data_dir: "%s", api_tokens: [{ name: test, token: "%s", role: admin }] }
                    defaults: { interval: 1s, timeout: 1s }
                    confirm: { quorum: 2, window: 30s, period: 0s, recovery: 2 }
                    channels:
                      - { name: hooks, type: webhook, url: "%s" }
                      - { name: pager, type: pagerduty, routing_key: "R0UT1NGKEY", base_url: "%s", severities: [critical] }
                    """.formatted(dir, API_TOKEN, hooks.url("/hooks"), pagerduty.url("/pd/"));
            FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "removed.yaml")).config();
            try (FaultlineServer server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC())) {
                URI base = URI.create("http://127.0.0.1:" + server.port());
                HttpResponse<String> created = http.send(authorized(base.resolve("/api/v1/monitors"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"shop\", \"url\": \"" + target.url("/") + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

                await().atMost(Duration.ofSeconds(20)).until(() -> events(hooks, "incident.opened").size() == 1
                        && pagerduty.received().size() == 1);
                JsonNode opened = events(hooks, "incident.opened").getFirst();
                assertThat(opened.at("/monitor/id").asText()).isEqualTo("shop");
                assertThat(opened.get("reason").isNull()).isTrue();
                JsonNode trigger = pagerduty.received().getFirst().json();
                assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");

                HttpResponse<String> deleted = http.send(authorized(base.resolve("/api/v1/monitors/shop")).DELETE().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);

                await().atMost(Duration.ofSeconds(15)).until(() -> events(hooks, "incident.resolved").size() == 1
                        && pagerduty.received().size() == 2);
                // Nothing more comes: one resolution per channel, and no recovery later.
                Thread.sleep(2000);
                List<JsonNode> resolved = events(hooks, "incident.resolved");
                assertThat(resolved).hasSize(1);
                JsonNode resolution = resolved.getFirst();
                assertThat(resolution.get("reason").asText()).isEqualTo("monitor_removed");
                assertThat(resolution.get("dedup_key").asText()).isEqualTo(opened.get("dedup_key").asText());
                assertThat(resolution.get("incident_id").asText()).isEqualTo(opened.get("incident_id").asText());
                assertThat(resolution.at("/diagnosis/summary").asText()).startsWith("Monitor removed while down — no longer watched");
                assertThat(hooks.received()).hasSize(2);
                assertThat(pagerduty.received()).hasSize(2);
                JsonNode resolve = pagerduty.received().get(1).json();
                assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
                assertThat(resolve.get("dedup_key").asText()).isEqualTo(trigger.get("dedup_key").asText());

                // The incident is closed as removed, and its timeline says the resolution went out for that reason.
                JsonNode incident = Json.mapper().readTree(http.send(authorized(base.resolve("/api/v1/incidents/"
                        + opened.get("incident_id").asText())).build(), HttpResponse.BodyHandlers.ofString()).body());
                assertThat(incident.toString()).contains("monitor_removed");
            }
        }
    }

    private static List<JsonNode> events(Receiver receiver, String event) {
        return receiver.received().stream().map(Receiver.Received::json).filter(j -> j.get("event").asText().equals(event)).toList();
    }
}
