package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.alert.Receiver;
import dev.faultline.alert.SampleNotifications;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.json.Json;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert API end to end: alerts sent through the server's outbox, listed by state, and test sends. */
class AlertApiTest {

    @TempDir
    static Path dataDir;

    static Receiver accepting;
    static Receiver refusing;
    static FaultlineServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        accepting = Receiver.answering(204, "");
        refusing = Receiver.answering(400, "{\"message\":\"invalid payload\"}");
        String yaml = """
                server: { port: 0, data_dir: "%s", api_tokens: [{ name: test, token: "%s", role: admin }] }
                channels:
                  - { name: chat, type: webhook, url: "%s" }
                  - { name: broken, type: webhook, url: "%s", severities: [critical] }
                """.formatted(dataDir, API_TOKEN, accepting.url("/hook"), refusing.url("/hook"));
        FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "test.yaml")).config();
        server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        server.close();
        accepting.close();
        refusing.close();
    }

    static HttpResponse<String> call(String method, String path) throws Exception {
        return http.send(authorized(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body());
    }

    @Test
    void aRefusedAlertIsDeadAndShownWithTheProvidersAnswer() throws Exception {
        // Critical: both channels take it; only chat takes the warning.
        assertThat(server.alerts().notify(SampleNotifications.opened(), List.of())).containsExactly("chat", "broken");
        assertThat(server.alerts().notify(SampleNotifications.warning(), List.of())).containsExactly("chat");

        await().atMost(Duration.ofSeconds(10)).until(() -> json(call("GET", "/api/v1/alerts?state=pending")).isEmpty());
        JsonNode dead = json(call("GET", "/api/v1/alerts?state=dead"));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).get("channel").asText()).isEqualTo("broken");
        assertThat(dead.get(0).get("state").asText()).isEqualTo("dead");
        assertThat(dead.get(0).get("event").asText()).isEqualTo("incident.opened");
        assertThat(dead.get(0).get("attempts").asInt()).isEqualTo(1);
        assertThat(dead.get(0).get("last_status").asInt()).isEqualTo(400);
        assertThat(dead.get(0).get("last_answer").asText()).isEqualTo("400 Bad Request: {\"message\":\"invalid payload\"}");
        assertThat(dead.get(0).get("next_attempt_at").isNull()).isTrue();
        assertThat(dead.get(0).at("/notification/monitor_id").asText()).isEqualTo("checkout-api");
        assertThat(dead.get(0).at("/notification/cause").asText()).isEqualTo("service_unavailable");

        JsonNode sent = json(call("GET", "/api/v1/alerts?state=sent"));
        assertThat(sent).extracting(a -> a.get("event").asText()).containsExactly("warning", "incident.opened");
        assertThat(sent.get(0).get("sent_at").asText()).isNotEmpty();
        assertThat(accepting.received()).extracting(r -> r.header("X-Faultline-Event")).contains("incident.opened", "warning");

        HttpResponse<String> first = call("GET", "/api/v1/alerts?limit=2");
        assertThat(json(first)).hasSize(2);
        String cursor = first.headers().firstValue("X-Next-Cursor").orElseThrow();
        JsonNode rest = json(call("GET", "/api/v1/alerts?limit=2&cursor=" + cursor));
        assertThat(rest).hasSize(1);
        assertThat(rest.get(0).get("id").asLong()).isLessThan(json(first).get(1).get("id").asLong());
    }

    @Test
    void anUnknownStateOrCursorIsABadRequestNamingTheParameter() throws Exception {
        HttpResponse<String> state = call("GET", "/api/v1/alerts?state=lost");
        assertThat(state.statusCode()).isEqualTo(400);
        assertThat(state.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json(state).at("/errors/0/field").asText()).isEqualTo("state");
        assertThat(json(state).get("detail").asText()).isEqualTo("state: 'lost' is not one of pending, sent, dead");

        assertThat(json(call("GET", "/api/v1/alerts?cursor=abc")).at("/errors/0/field").asText()).isEqualTo("cursor");
    }

    @Test
    void aTestSendReportsWhatTheProviderAnswered() throws Exception {
        HttpResponse<String> ok = call("POST", "/api/v1/channels/chat/test");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok)).isEqualTo(Json.mapper().readTree("""
                {"channel": "chat", "delivered": true, "outcome": "delivered", "status": 204,
                 "answer": "204 No Content", "retry_after_seconds": null}"""));
        Receiver.Received test = accepting.received().stream().filter(r -> "test".equals(r.header("X-Faultline-Event")))
                .findFirst().orElseThrow();
        assertThat(test.json().get("link").asText()).isEqualTo("http://127.0.0.1:" + server.port() + "/");

        JsonNode refused = json(call("POST", "/api/v1/channels/broken/test"));
        assertThat(refused.get("delivered").asBoolean()).isFalse();
        assertThat(refused.get("outcome").asText()).isEqualTo("permanent_failure");
        assertThat(refused.get("status").asInt()).isEqualTo(400);
        assertThat(refused.get("answer").asText()).contains("invalid payload");
    }

    @Test
    void aTestSendToAnUnknownChannelIsNotFound() throws Exception {
        HttpResponse<String> missing = call("POST", "/api/v1/channels/pager/test");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("detail").asText()).isEqualTo("no channel named 'pager'; configured: broken, chat");
    }

    // Every API call carries the config file's admin token (server.api_tokens).
    static final String API_TOKEN = "test-token-0123456789abcdef";

    static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + API_TOKEN);
    }
}
