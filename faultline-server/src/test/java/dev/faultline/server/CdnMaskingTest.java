package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.json.Json;
import dev.faultline.testing.HostileServer;
import dev.faultline.testing.NginxServer;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outage a CDN hides, for real: nginx caches an origin's page, the origin starts answering
 * 502, nginx keeps serving its stale copy with a 200 — and Faultline says so.
 */
class CdnMaskingTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anOriginFailingBehindACachingProxyIsAMaskedOutageAndTheEdgeIsStale() throws Exception {
        List<JsonNode> alerts = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            alerts.add(Json.mapper().readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (HostileServer origin = HostileServer.status(200, Map.of("Content-Type", "text/html"), "<html>today</html>");
             NginxServer edge = NginxServer.cachingProxy(origin.url("/"), 2)) {
            String yaml = """
                    server: { port: 0, data_dir: "%s", api_tokens: [{ name: test, token: "%s", role: admin }] }
                    defaults: { interval: 1s, timeout: 1s }
                    channels:
                      - { name: pager, type: webhook, url: "http://127.0.0.1:%d/hook", severities: [critical] }
                    monitors:
                      - { name: shop origin, url: "%s" }
                      - { name: shop edge, url: "%s", origin: shop origin }
                      - { name: shop edge unpaired, url: "%s" }
                    """.formatted(dir, API_TOKEN, receiver.getAddress().getPort(), origin.url("/page"), edge.url("/page"), edge.url("/page"));
            FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "cdn.yaml")).config();
            try (FaultlineServer server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> origin.hits() >= 2);
                assertThat(findings(server)).isEmpty();

                origin.switchToStatus(502, Map.of(), "bad gateway");

                await().atMost(Duration.ofSeconds(25)).untilAsserted(() -> {
                    List<JsonNode> found = findings(server);
                    assertThat(found).anySatisfy(f -> {
                        assertThat(f.get("kind").asText()).isEqualTo("masked_outage");
                        assertThat(f.get("severity").asText()).isEqualTo("critical");
                        assertThat(f.get("edge").asText()).isEqualTo("shop edge");
                        assertThat(f.get("origin").asText()).isEqualTo("shop origin");
                        assertThat(f.get("summary").asText()).contains("shop origin").contains("shop edge");
                    });
                    // Without a pair, the edge alone still gives itself away: the same copy, marked stale.
                    assertThat(found).anySatisfy(f -> {
                        assertThat(f.get("kind").asText()).isEqualTo("stale_cache");
                        assertThat(f.get("edge").asText()).isEqualTo("shop edge unpaired");
                        assertThat(f.get("outcome").asText()).isEqualTo("degraded");
                    });
                });
                // Meanwhile the edge itself still looks fine to a plain check: that is the trap.
                JsonNode edgeMonitor = get(server, "/api/v1/monitors/shop-edge");
                assertThat(edgeMonitor.get("outcome").asText()).isEqualTo("up");
                assertThat(get(server, "/api/v1/monitors/shop-origin").get("cause").asText()).isEqualTo("bad_gateway");

                // The masked outage paged: one critical alert naming both, through the edge's channels.
                // (The origin's own incident pages too, from its own monitor: that is not the masking.)
                await().atMost(Duration.ofSeconds(10)).until(() -> edgeAlerts(alerts, "incident.opened").size() == 1);
                JsonNode opened = edgeAlerts(alerts, "incident.opened").get(0);
                assertThat(opened.get("severity").asText()).isEqualTo("critical");
                assertThat(opened.at("/monitor/name").asText()).isEqualTo("shop edge");
                assertThat(opened.at("/diagnosis/summary").asText()).contains("masked by the CDN").contains("shop origin");
                assertThat(opened.get("cause").asText()).isEqualTo("bad_gateway");

                origin.switchToStatus(200, Map.of("Content-Type", "text/html"), "<html>tomorrow</html>");
                await().atMost(Duration.ofSeconds(25)).until(() -> findings(server).stream()
                        .noneMatch(f -> f.get("kind").asText().equals("masked_outage")));
                await().atMost(Duration.ofSeconds(10)).until(() -> edgeAlerts(alerts, "incident.resolved").stream()
                        .anyMatch(a -> a.get("dedup_key").asText().equals(opened.get("dedup_key").asText())));
                assertThat(edgeAlerts(alerts, "incident.opened")).hasSize(1);
            }
        } finally {
            receiver.stop(0);
        }
    }

    private static List<JsonNode> edgeAlerts(List<JsonNode> alerts, String event) {
        return alerts.stream().filter(a -> a.get("event").asText().equals(event))
                .filter(a -> a.at("/monitor/name").asText().equals("shop edge")).toList();
    }

    private List<JsonNode> findings(FaultlineServer server) throws Exception {
        JsonNode all = get(server, "/api/v1/findings");
        return StreamSupport.stream(all.spliterator(), false).toList();
    }

    private JsonNode get(FaultlineServer server, String path) throws Exception {
        return Json.mapper().readTree(http.send(authorized(
                URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    // Every API call carries the config file's admin token (server.api_tokens).
    static final String API_TOKEN = "test-token-0123456789abcdef";

    static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + API_TOKEN);
    }
}
