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
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/incidents/{id}/ack} on a running server with real incidents. */
class AcknowledgeApiTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    @TempDir
    Path dir;

    @Test
    void theFirstAcknowledgementIsKeptShownAndInTheTimelineAndAResolvedIncidentCannotBeAcknowledged() throws Exception {
        try (HostileServer api = HostileServer.status(502, Map.of(), "bad gateway");
             HostileServer docs = HostileServer.status(503, Map.of(), "busy")) {
            String yaml = """
                    server: { port: 0, data_dir: "%s", api_tokens: [{ name: oncall-bot, token: "test-token-0123456789abcdef", role: admin }] }
                    defaults: { interval: 1s, timeout: 1s }
                    confirm: { quorum: 2, window: 30s, period: 0s, recovery: 1 }
                    monitors:
                      - { name: api, url: "%s" }
                      - { name: docs, url: "%s" }
                    """.formatted(dir, api.url("/"), docs.url("/"));
            FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "ack.yaml")).config();
            try (FaultlineServer server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC())) {
                port = server.port();
                await().atMost(Duration.ofSeconds(15)).until(() -> incidentOf("api").isPresent() && incidentOf("docs").isPresent());
                long id = incidentOf("api").orElseThrow();

                HttpResponse<String> first = call("POST", "/api/v1/incidents/" + id + "/ack",
                        "{\"by\": \"someone else\", \"note\": \"restarting the app\"}");
                assertThat(first.statusCode()).isEqualTo(200);
                JsonNode acked = json(first);
                assertThat(acked.get("acknowledged_by").asText()).isEqualTo("oncall-bot");
                assertThat(acked.get("acknowledgement_note").asText()).isEqualTo("restarting the app");
                assertThat(acked.get("acknowledged_now").asBoolean()).isTrue();
                String at = acked.get("acknowledged_at").asText();

                // Idempotent: a second acknowledgement answers 200 and keeps the first.
                HttpResponse<String> second = call("POST", "/api/v1/incidents/" + id + "/ack", "");
                assertThat(second.statusCode()).isEqualTo(200);
                assertThat(json(second).get("acknowledged_by").asText()).isEqualTo("oncall-bot");
                assertThat(json(second).get("acknowledged_at").asText()).isEqualTo(at);
                assertThat(json(second).get("acknowledged_now").asBoolean()).isFalse();

                JsonNode incident = json(call("GET", "/api/v1/incidents/" + id, null));
                assertThat(incident.get("acknowledged_by").asText()).isEqualTo("oncall-bot");
                assertThat(incident.get("acknowledged_at").asText()).isEqualTo(at);
                JsonNode ackLines = StreamSupport.stream(incident.get("timeline").spliterator(), false)
                        .filter(line -> line.get("kind").asText().equals("acknowledged"))
                        .collect(Json.mapper()::createArrayNode, (a, n) -> a.add(n), (a, b) -> a.addAll(b));
                assertThat(ackLines).hasSize(1);
                assertThat(ackLines.get(0).at("/details/by").asText()).isEqualTo("oncall-bot");
                assertThat(ackLines.get(0).at("/details/note").asText()).isEqualTo("restarting the app");

                // Without a body (and nobody signed in) the acknowledgement is the API's.
                long docsId = incidentOf("docs").orElseThrow();
                docs.switchToStatus(200, Map.of(), "ok");
                await().atMost(Duration.ofSeconds(15)).until(() -> json(call("GET", "/api/v1/incidents/" + docsId, null))
                        .get("state").asText().equals("resolved"));
                HttpResponse<String> late = call("POST", "/api/v1/incidents/" + docsId + "/ack", "");
                assertThat(late.statusCode()).isEqualTo(409);
                assertThat(json(late).get("detail").asText()).contains("resolved");
                assertThat(json(call("GET", "/api/v1/incidents/" + docsId, null)).get("acknowledged_at").isNull()).isTrue();

                assertThat(call("POST", "/api/v1/incidents/987654/ack", "").statusCode()).isEqualTo(404);
                assertThat(call("POST", "/api/v1/incidents/not-a-number/ack", "").statusCode()).isEqualTo(404);
            }
        }
    }

    @Test
    void aBadBodyNamesTheFieldAndChangesNothing() throws Exception {
        try (HostileServer api = HostileServer.status(500, Map.of(), "boom")) {
            String yaml = """
                    server: { port: 0, data_dir: "%s", api_tokens: [{ name: oncall-bot, token: "test-token-0123456789abcdef", role: admin }] }
                    defaults: { interval: 1s, timeout: 1s }
                    monitors:
                      - { name: api, url: "%s" }
                    """.formatted(dir, api.url("/"));
            FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "ack.yaml")).config();
            try (FaultlineServer server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC())) {
                port = server.port();
                await().atMost(Duration.ofSeconds(15)).until(() -> incidentOf("api").isPresent());
                String path = "/api/v1/incidents/" + incidentOf("api").orElseThrow() + "/ack";

                for (var bad : Map.of("{\"by\": 5}", "by", "{\"by\": \"  \"}", "by", "{\"who\": \"ana\"}", "who",
                        "[1]", "body", "{not json", "body", "{\"note\": \"" + "x".repeat(2001) + "\"}", "note").entrySet()) {
                    HttpResponse<String> response = call("POST", path, bad.getKey());
                    assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
                    assertThat(json(response).at("/errors/0/field").asText()).as(bad.getKey()).isEqualTo(bad.getValue());
                }
                assertThat(json(call("GET", path.replace("/ack", ""), null)).get("acknowledged_at").isNull()).isTrue();

                HttpResponse<String> ok = call("POST", path, "{}");
                assertThat(ok.statusCode()).isEqualTo(200);
                assertThat(json(ok).get("acknowledged_by").asText()).isEqualTo("oncall-bot"); // the token's name
            }
        }
    }

    private Optional<Long> incidentOf(String monitor) throws Exception {
        for (JsonNode incident : json(call("GET", "/api/v1/incidents", null))) {
            if (incident.get("monitor_id").asText().equals(monitor)) return Optional.of(incident.get("id").asLong());
        }
        return Optional.empty();
    }

    /** Every API call of this test goes through here. */
    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return http.send(ServerApiTest.authorized(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body());
    }
}
