package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.json.Json;
import dev.faultline.testing.HostileServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server end to end on SQLite: real targets checked on schedule, every API endpoint, every error. */
class ServerApiTest {

    @TempDir
    static Path dataDir;

    static HostileServer healthy;
    static HostileServer broken;
    static FaultlineServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        healthy = HostileServer.status(200, Map.of(), "ok");
        broken = HostileServer.status(502, Map.of(), "bad gateway");
        String yaml = """
                server: { port: 0, data_dir: "%s", api_tokens: [{ name: test, token: "%s", role: admin }] }
                defaults: { interval: 1s, timeout: 1s }
                monitors:
                  - { name: Healthy, url: "%s" }
                  - { name: Broken proxy, url: "%s", tags: [edge] }
                """.formatted(dataDir, API_TOKEN, healthy.url("/"), broken.url("/"));
        FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "test.yaml")).config();
        server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        server.close();
        healthy.close();
        broken.close();
    }

    record Answer(int status, String contentType, String body, HttpResponse<String> raw) {
        JsonNode json() throws IOException {
            return Json.mapper().readTree(body);
        }
    }

    static Answer call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = authorized(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(), response);
    }

    static Answer get(String path) throws Exception {
        return call("GET", path, null);
    }

    @Test
    void healthzAnswers() throws Exception {
        Answer answer = get("/healthz");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("status").asText()).isEqualTo("ok");
        assertThat(answer.json().get("monitors").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void monitorsAreCheckedOnScheduleAndShowTheirOutcome() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode broken = get("/api/v1/monitors/broken-proxy").json();
            assertThat(broken.get("outcome").asText()).isEqualTo("down");
            assertThat(broken.get("fault").asText()).isEqualTo("server");
            assertThat(broken.get("cause").asText()).isEqualTo("bad_gateway");
            assertThat(broken.get("source").asText()).isEqualTo("config");
            assertThat(broken.at("/spec/tags/0").asText()).isEqualTo("edge");
        });
        assertThat(healthy.hits()).isPositive();
    }

    @Test
    void resultsComeNewestFirstWithTheirDiagnosisAndPage() throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(() -> get("/api/v1/monitors/broken-proxy/results").json().size() >= 3);

        Answer first = get("/api/v1/monitors/broken-proxy/results?limit=2");
        JsonNode page = first.json();
        assertThat(page).hasSize(2);
        assertThat(page.get(0).get("time").asText()).isGreaterThan(page.get(1).get("time").asText());
        assertThat(page.get(0).get("cause").asText()).isEqualTo("bad_gateway");
        assertThat(page.get(0).get("severity").asText()).isEqualTo("critical");
        assertThat(page.get(0).at("/diagnosis/next_step").asText()).contains("application process");
        assertThat(page.get(0).at("/timings_ms/total").isNumber()).isTrue();

        String cursor = first.raw().headers().firstValue("X-Next-Cursor").orElseThrow();
        JsonNode next = get("/api/v1/monitors/broken-proxy/results?limit=2&cursor=" + cursor).json();
        assertThat(next.get(0).get("time").asText()).isLessThanOrEqualTo(page.get(1).get("time").asText());
    }

    @Test
    void uptimeComesFromRollups() throws Exception {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode uptime = get("/api/v1/monitors/healthy/uptime").json();
            assertThat(uptime.get("24h").asDouble()).isEqualTo(100.0);
            assertThat(uptime.get("90d").asDouble()).isEqualTo(100.0);
        });
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(get("/api/v1/monitors/broken-proxy/uptime").json().get("24h").asDouble()).isEqualTo(0.0));
    }

    @Test
    void trendsShowTheShareOfEachStatusClassAndCode() throws Exception {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode trends = get("/api/v1/monitors/broken-proxy/trends").json();
            assertThat(trends.at("/windows/1h/checks").asLong()).isPositive();
            assertThat(trends.at("/windows/1h/classes/5xx/percent").asDouble()).isEqualTo(100.0);
            assertThat(trends.at("/windows/24h/codes/502/count").asLong()).isPositive();
            assertThat(trends.at("/windows/7d/checks").asLong()).isEqualTo(trends.at("/windows/1h/checks").asLong());
            assertThat(trends.get("anomalies").isArray()).isTrue();
        });
        JsonNode local = get("/api/v1/monitors/broken-proxy/trends?region=local").json();
        JsonNode elsewhere = get("/api/v1/monitors/broken-proxy/trends?region=eu-west").json();
        assertThat(local.at("/windows/1h/checks").asLong()).isPositive();
        assertThat(elsewhere.at("/windows/1h/checks").asLong()).isZero();
    }

    @Test
    void aMonitorCreatedThroughTheApiCanBeReadChangedAndDeleted() throws Exception {
        Answer created = call("POST", "/api/v1/monitors",
                "{\"name\": \"Made by API\", \"url\": \"" + healthy.url("/api") + "\", \"interval\": \"2s\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("id").asText()).isEqualTo("made-by-api");
        assertThat(created.json().get("source").asText()).isEqualTo("api");
        assertThat(created.raw().headers().firstValue("Location")).contains("/api/v1/monitors/made-by-api");

        assertThat(call("POST", "/api/v1/monitors",
                "{\"name\": \"made by api\", \"url\": \"" + healthy.url("/") + "\"}").status()).isEqualTo(409);

        Answer changed = call("PUT", "/api/v1/monitors/made-by-api",
                "{\"name\": \"Made by API\", \"url\": \"" + healthy.url("/api") + "\", \"interval\": \"5s\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().at("/spec/interval").asText()).isEqualTo("5s");

        assertThat(call("DELETE", "/api/v1/monitors/made-by-api", null).status()).isEqualTo(204);
        assertThat(get("/api/v1/monitors/made-by-api").status()).isEqualTo(404);
    }

    @Test
    void aBadPayloadIsRejectedNamingEachFieldAndChangesNothing() throws Exception {
        int before = server.monitors().size();
        Answer answer = call("POST", "/api/v1/monitors",
                "{\"name\": \"bad\", \"url\": \"ftp://x/\", \"interval\": \"0s\", \"expect\": {\"status\": \"2000\"}, \"colour\": 1}");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("url", "interval", "expect.status", "colour");
        assertThat(server.monitors().size()).isEqualTo(before);
    }

    @Test
    void brokenJsonAndAnEmptyBodyAreRejected() throws Exception {
        assertThat(call("POST", "/api/v1/monitors", "{\"name\": ").status()).isEqualTo(422);
        assertThat(call("POST", "/api/v1/monitors", "").status()).isEqualTo(422);
    }

    @Test
    void configMonitorsAreReadOnlyThroughTheApi() throws Exception {
        Answer put = call("PUT", "/api/v1/monitors/healthy", "{\"name\": \"Healthy\", \"url\": \"" + healthy.url("/") + "\"}");
        Answer delete = call("DELETE", "/api/v1/monitors/healthy", null);

        assertThat(put.status()).isEqualTo(409);
        assertThat(put.json().get("detail").asText()).contains("config file");
        assertThat(delete.status()).isEqualTo(409);
    }

    @Test
    void unknownThingsAndBadParametersAreProblems() throws Exception {
        assertThat(get("/api/v1/monitors/nope").status()).isEqualTo(404);
        assertThat(get("/api/v1/monitors/nope/results").status()).isEqualTo(404);
        assertThat(get("/api/v1/nothing-here").status()).isEqualTo(404);
        Answer limit = get("/api/v1/monitors?limit=0");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.json().at("/errors/0/field").asText()).isEqualTo("limit");
        assertThat(get("/api/v1/monitors/healthy/results?since=yesterday").status()).isEqualTo(400);
        assertThat(get("/api/v1/monitors/healthy/results?cursor=garbage").status()).isEqualTo(400);
    }

    @Test
    void monitorListsPageById() throws Exception {
        Answer first = get("/api/v1/monitors?limit=1");
        assertThat(first.json()).hasSize(1);
        String cursor = first.raw().headers().firstValue("X-Next-Cursor").orElseThrow();
        Answer second = get("/api/v1/monitors?limit=1&cursor=" + cursor);
        assertThat(second.json().get(0).get("id").asText()).isGreaterThan(first.json().get(0).get("id").asText());
    }

    @Test
    void metricsSpeakBlackboxExporterNames() throws Exception {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Answer metrics = get("/metrics");
            assertThat(metrics.contentType()).startsWith("text/plain");
            assertThat(metrics.body())
                    .contains("probe_success{monitor=\"healthy\",region=\"local\"} 1")
                    .contains("probe_success{monitor=\"broken-proxy\",region=\"local\"} 0")
                    .contains("probe_http_status_code{monitor=\"broken-proxy\",region=\"local\"} 502")
                    .contains("probe_http_duration_seconds{monitor=\"healthy\",region=\"local\",phase=\"connect\"}")
                    .containsPattern("faultline_checks_total\\{monitor=\"broken-proxy\",region=\"local\",outcome=\"down\","
                            + "fault=\"server\",cause=\"bad_gateway\",status=\"502\"} [1-9]")
                    .contains("faultline_schedule_lag_seconds_bucket{le=\"+Inf\"}")
                    .contains("faultline_checks_in_flight")
                    .containsPattern("faultline_store_batches_total [1-9]")
                    .contains("faultline_store_batch_seconds_total");
        });
    }

    @Test
    void theOpenApiDocumentIsServed() throws Exception {
        Answer answer = get("/api/v1/openapi.json");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("openapi").asText()).startsWith("3.");
        assertThat(answer.json().get("paths").has("/api/v1/monitors/{id}/uptime")).isTrue();
    }

    // Every API call carries the config file's admin token (server.api_tokens).
    static final String API_TOKEN = "test-token-0123456789abcdef";

    static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + API_TOKEN);
    }
}
