package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.check.Severity;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.json.Json;
import dev.faultline.store.Store;
import dev.faultline.store.StoreSettings;
import dev.faultline.trend.Anomaly;
import dev.faultline.trend.Share;
import dev.faultline.trend.TimeWindow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/anomalies} and the open anomalies in a monitor's trends, over anomalies stored before the start. */
class AnomalyApiTest {

    @TempDir
    static Path dataDir;

    static FaultlineServer server;
    static final HttpClient http = HttpClient.newHttpClient();
    static final Instant T = Instant.parse("2026-11-20T12:00:00Z");

    @BeforeAll
    static void start() {
        try (Store store = Store.open(StoreSettings.sqlite(dataDir))) {
            store.inTransaction(h -> {
                store.anomalies().open(h, "api", "api", "all", finding(Anomaly.Kind.AUTH_SPIKE, Severity.WARNING), T);
                store.anomalies().open(h, "api", "api", "eu", finding(Anomaly.Kind.RATE_LIMITED, Severity.INFO), T.plusSeconds(60));
                long old = store.anomalies().open(h, "web", "web", "all", finding(Anomaly.Kind.RISING_NOT_FOUND, Severity.WARNING),
                        T.minus(Duration.ofDays(1))).orElseThrow().id();
                store.anomalies().resolve(h, old, T.minus(Duration.ofHours(2)));
                return null;
            });
        }
        String yaml = """
                server: { port: 0, data_dir: "%s", api_tokens: [{ name: test, token: "test-token-0123456789abcdef", role: admin }] }
                monitors:
                  - { name: api, url: "http://127.0.0.1:9/", interval: 1h }
                """.formatted(dataDir);
        FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "test.yaml")).config();
        server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void listsEveryAnomalyNewestFirstWithItsEvidenceAndAdvice() throws Exception {
        JsonNode all = get("/api/v1/anomalies", 200);

        assertThat(all).hasSize(3);
        assertThat(all.get(0).path("kind").asText()).isEqualTo("rate_limited");
        assertThat(all.get(0).path("region").asText()).isEqualTo("eu");
        JsonNode spike = all.get(1);
        assertThat(spike.path("kind").asText()).isEqualTo("auth_spike");
        assertThat(spike.path("monitor_id").asText()).isEqualTo("api");
        assertThat(spike.path("severity").asText()).isEqualTo("warning");
        assertThat(spike.path("state").asText()).isEqualTo("open");
        assertThat(spike.path("opened_at").asText()).isEqualTo("2026-11-20T12:00:00Z");
        assertThat(spike.path("resolved_at").isNull()).isTrue();
        assertThat(spike.path("next_step").asText()).isEqualTo("Check the monitor's credentials.");
        assertThat(spike.path("likely_causes").get(0).asText()).isEqualTo("a key was rotated");
        assertThat(spike.path("evidence").path("window").path("count").asLong()).isEqualTo(20);
        assertThat(spike.path("evidence").path("window").path("of").asLong()).isEqualTo(60);
        assertThat(spike.path("evidence").path("window").path("percent").asDouble()).isEqualTo(33.33);
        assertThat(spike.path("evidence").path("baseline").path("of").asLong()).isEqualTo(10080);
        assertThat(all.get(2).path("state").asText()).isEqualTo("resolved");
        assertThat(all.get(2).path("resolved_at").asText()).isEqualTo("2026-11-20T10:00:00Z");
    }

    @Test
    void filtersByMonitorStateAndSeverity() throws Exception {
        assertThat(kinds(get("/api/v1/anomalies?monitor=api", 200))).containsExactly("rate_limited", "auth_spike");
        assertThat(kinds(get("/api/v1/anomalies?state=open", 200))).containsExactly("rate_limited", "auth_spike");
        assertThat(kinds(get("/api/v1/anomalies?severity=warning", 200))).containsExactly("auth_spike", "rising_404");
        assertThat(kinds(get("/api/v1/anomalies?monitor=web&state=open", 200))).isEmpty();
        assertThat(kinds(get("/api/v1/anomalies?limit=1", 200))).containsExactly("rate_limited");
        // The next page starts where the link says.
        HttpResponse<String> first = send("/api/v1/anomalies?limit=2");
        String cursor = first.headers().firstValue("X-Next-Cursor").orElseThrow();
        assertThat(kinds(get("/api/v1/anomalies?limit=2&cursor=" + cursor, 200))).containsExactly("rising_404");
    }

    @Test
    void rejectsAFilterItDoesNotKnowNamingTheParameter() throws Exception {
        assertThat(get("/api/v1/anomalies?state=closed", 400).path("errors").get(0).path("field").asText()).isEqualTo("state");
        assertThat(get("/api/v1/anomalies?severity=critical", 400).path("detail").asText())
                .isEqualTo("severity: 'critical' is not info or warning (anomalies are never critical)");
    }

    @Test
    void aMonitorsTrendsShowItsOpenAnomaliesOfTheRegionAskedFor() throws Exception {
        JsonNode trends = get("/api/v1/monitors/api/trends", 200);
        assertThat(kinds(trends.path("open_anomalies"))).containsExactly("rate_limited", "auth_spike");

        JsonNode us = get("/api/v1/monitors/api/trends?region=us", 200);
        assertThat(kinds(us.path("open_anomalies"))).containsExactly("auth_spike"); // all regions' ones count everywhere
    }

    @Test
    void theOpenApiDescriptionNamesTheEndpointAndEveryFieldOfAnAnomaly() throws Exception {
        JsonNode api = get("/api/v1/openapi.json", 200);
        assertThat(api.path("paths").has("/api/v1/anomalies")).isTrue();
        List<String> described = new java.util.ArrayList<>();
        api.path("components").path("schemas").path("Anomaly").path("properties").fieldNames().forEachRemaining(described::add);
        List<String> served = new java.util.ArrayList<>();
        get("/api/v1/anomalies", 200).get(0).fieldNames().forEachRemaining(served::add);
        assertThat(described).containsExactlyElementsOf(served);
    }

    private static List<String> kinds(JsonNode list) {
        return java.util.stream.StreamSupport.stream(list.spliterator(), false).map(n -> n.path("kind").asText()).toList();
    }

    /** Every request of this class goes through here (the place to add an API token). */
    private static HttpResponse<String> send(String path) throws Exception {
        return http.send(ServerApiTest.authorized(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = send(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return Json.mapper().readTree(response.body());
    }

    private static Anomaly finding(Anomaly.Kind kind, Severity severity) {
        TimeWindow hour = TimeWindow.ending(T, Duration.ofHours(1));
        return new Anomaly(kind, severity, hour, new Share(20, 60), hour.before(Duration.ofDays(7)), new Share(0, 10080),
                "403 on 20 of 60 checks (33.3%) in the last 1 h", List.of("a key was rotated"), "Check the monitor's credentials.");
    }
}
