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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A paused API monitor is not checked, says so, stays paused across a restart, and is checked again once resumed. */
class PauseMonitorTest {

    @TempDir
    Path dataDir;

    HostileServer target;
    FaultlineServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        target = HostileServer.status(200, Map.of(), "ok");
        server = start(dataDir);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        target.close();
    }

    FaultlineServer start(Path dir) {
        String yaml = """
                server: { port: 0, data_dir: "%s", api_tokens: [{ name: test, token: "test-token-0123456789abcdef", role: admin }] }
                defaults: { interval: 1s, timeout: 1s }
                monitors:
                  - { name: From file, url: "%s" }
                """.formatted(dir, target.url("/file"));
        FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "test.yaml")).config();
        return FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC());
    }

    /** The one place this class calls the API. */
    HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = ServerApiTest.authorized(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPausedMonitorIsNotCheckedUntilResumed() throws Exception {
        String created = call("POST", "/api/v1/monitors", "{\"name\": \"Paused one\", \"url\": \"" + target.url("/api") + "\"}").body();
        assertThat(Json.mapper().readTree(created).get("paused").asBoolean()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.monitors().find("paused-one").isPresent()
                && Json.mapper().readTree(call("GET", "/api/v1/monitors/paused-one", null).body()).get("checked_at").isTextual());

        HttpResponse<String> paused = call("POST", "/api/v1/monitors/paused-one/pause", null);
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(paused.body()).get("paused").asBoolean()).isTrue();
        String checkedAt = Json.mapper().readTree(call("GET", "/api/v1/monitors/paused-one", null).body()).get("checked_at").asText();
        Thread.sleep(2_500); // over two intervals: a running monitor would have been checked twice
        JsonNode still = Json.mapper().readTree(call("GET", "/api/v1/monitors/paused-one", null).body());
        assertThat(still.get("checked_at").asText()).isEqualTo(checkedAt);
        assertThat(still.get("paused").asBoolean()).isTrue();

        // Across a restart: still paused.
        server.close();
        server = start(dataDir);
        assertThat(server.monitors().isPaused("paused-one")).isTrue();

        assertThat(call("POST", "/api/v1/monitors/paused-one/resume", null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Json.mapper()
                .readTree(call("GET", "/api/v1/monitors/paused-one", null).body()).get("checked_at").asText()).isGreaterThan(checkedAt));
    }

    @Test
    void aMonitorFromTheFileCannotBePausedThroughTheApi() throws Exception {
        HttpResponse<String> refused = call("POST", "/api/v1/monitors/from-file/pause", null);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("defined in the config file");
        assertThat(call("POST", "/api/v1/monitors/nothing/pause", null).statusCode()).isEqualTo(404);
        assertThat(server.monitors().isPaused("from-file")).isFalse();
    }
}
