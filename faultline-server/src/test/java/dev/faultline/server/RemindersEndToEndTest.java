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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reminders and escalation through a running server to real webhook receivers: each reminder has
 * its own number and Idempotency-Key, the escalation reaches its channel once, the
 * acknowledgement stops both, and the resolution reaches every channel that heard the opening.
 */
class RemindersEndToEndTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    @TempDir
    Path dir;

    @Test
    void remindersRepeatTheAlertUntilAcknowledgedAndTheEscalationGoesOnce() throws Exception {
        try (CountingReceiver pager = CountingReceiver.answering();
             CountingReceiver managers = CountingReceiver.answering();
             HostileServer api = HostileServer.status(502, Map.of(), "bad gateway")) {
            String yaml = """
                    server: { port: 0, data_dir: "%s", api_tokens: [{ name: test, token: "test-token-0123456789abcdef", role: admin }] }
                    defaults: { interval: 1s, timeout: 1s }
                    confirm: { quorum: 2, window: 30s, period: 0s, recovery: 1 }
                    channels:
                      - { name: pager, type: webhook, url: "%s", severities: [critical] }
                      - { name: managers, type: webhook, url: "%s", severities: [info] }
                    alerts: { remind_every: 2s, escalate_after: 3s, escalate_to: [managers] }
                    monitors:
                      - { name: api, url: "%s", channels: [pager] }
                    """.formatted(dir, pager.url(), managers.url(), api.url("/"));
            FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "reminders.yaml")).config();
            try (FaultlineServer server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC())) {
                port = server.port();
                await().atMost(Duration.ofSeconds(15)).until(() -> pager.of("incident.reminder").size() >= 2
                        && managers.of("incident.opened").size() == 1);
                assertThat(pager.of("incident.opened")).hasSize(1);
                String key = pager.of("incident.opened").getFirst().body().get("dedup_key").asText();
                assertThat(pager.of("incident.reminder")).extracting(d -> d.body().get("reminder").asInt()).startsWith(1, 2);
                assertThat(pager.of("incident.reminder")).extracting(CountingReceiver.Delivery::idempotencyKey)
                        .startsWith(key + ":incident.reminder:1", key + ":incident.reminder:2").doesNotHaveDuplicates();
                assertThat(pager.of("incident.reminder").getFirst().body().get("dedup_key").asText()).isEqualTo(key);
                assertThat(managers.of("incident.opened").getFirst().body().get("dedup_key").asText()).isEqualTo(key);

                long id = pager.of("incident.opened").getFirst().body().get("incident_id").asLong();
                assertThat(call("POST", "/api/v1/incidents/" + id + "/ack", "{\"by\": \"ana\"}").statusCode()).isEqualTo(200);
                Thread.sleep(1500); // a reminder already committed may still be on its way
                int pagerAfterAck = pager.deliveries().size();
                int managersAfterAck = managers.deliveries().size();
                Thread.sleep(5000); // more than two reminder intervals
                assertThat(pager.deliveries()).hasSize(pagerAfterAck);
                assertThat(managers.deliveries()).hasSize(managersAfterAck);
                assertThat(managers.of("incident.opened")).hasSize(1); // escalated once

                api.switchToStatus(200, Map.of(), "ok");
                await().atMost(Duration.ofSeconds(15)).until(() -> pager.of("incident.resolved").size() == 1
                        && managers.of("incident.resolved").size() == 1);
                JsonNode incident = Json.mapper().readTree(call("GET", "/api/v1/incidents/" + id, null).body());
                assertThat(incident.get("reminders_sent").asInt()).isGreaterThanOrEqualTo(2);
            }
        }
    }

    /** Every API call of this test goes through here. */
    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return http.send(ServerApiTest.authorized(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }
}
