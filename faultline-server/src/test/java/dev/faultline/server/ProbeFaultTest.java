package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.json.Json;
import dev.faultline.testing.HostileServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe's own fault: a region whose canaries fail, or whose monitors mostly fail without an
 * answer while another region sees them up, is unhealthy; its results are kept but count toward
 * no quorum, one warning says the probe is at fault, and no monitor pages because of it.
 */
class ProbeFaultTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final String TOKEN = "token-of-a";

    record Received(String channel, JsonNode body) {
    }

    @TempDir
    Path dir;

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private HttpServer receiver;
    private FaultlineServer server;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (String channel : List.of("pager", "chat")) {
            receiver.createContext("/" + channel, exchange -> {
                received.add(new Received(channel, Json.mapper().readTree(exchange.getRequestBody().readAllBytes())));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
        }
        receiver.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (server != null) server.close();
        for (AutoCloseable closeable : open.reversed()) closeable.close();
        receiver.stop(0);
    }

    @Test
    void withOnlyTheLocalRegionAFailedCanaryPausesPagingAndSaysSo() throws Exception {
        HostileServer canary = HostileServer.status(200, Map.of(), "ok");
        List<HostileServer> targets = List.of(keep(HostileServer.status(200, Map.of(), "ok")),
                keep(HostileServer.status(200, Map.of(), "ok")), keep(HostileServer.status(200, Map.of(), "ok")));
        StringBuilder monitors = new StringBuilder();
        for (int i = 0; i < targets.size(); i++) {
            monitors.append("  - { name: m%d, url: \"%s\" }\n".formatted(i, targets.get(i).url("/")));
        }
        start("canaries: [\"" + canary.url("/") + "\"]", monitors.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> targets.stream().allMatch(t -> t.hits() >= 2) && canary.hits() >= 1);

        // The probe loses the network: nothing answers, canary included (connections refused).
        canary.close();
        targets.forEach(HostileServer::close);

        await().atMost(Duration.ofSeconds(10)).until(() -> !warnings().isEmpty());
        Thread.sleep(4_000); // failures keep coming: still no page, still one warning
        assertThat(warnings()).hasSize(1);
        JsonNode warning = warnings().getFirst();
        assertThat(warning.at("/diagnosis/summary").asText()).contains("Probe region local lost its own connectivity (its canaries fail)")
                .contains("paging is paused");
        assertThat(warning.get("severity").asText()).isEqualTo("warning");
        assertThat(received.stream().filter(r -> r.channel().equals("pager"))).isEmpty();
        assertThat(api("/api/v1/incidents")).isEmpty();
        for (int i = 0; i < targets.size(); i++) {
            assertThat(api("/api/v1/monitors/m" + i + "/results?limit=5").findValuesAsText("cause")).contains("connection_refused");
        }
    }

    @Test
    void aLoneMonitorThatCannotResolveItsHostStillPagesWhenTheCanariesAnswer() throws Exception {
        HostileServer canary = keep(HostileServer.status(200, Map.of(), "ok"));
        start("canaries: [\"" + canary.url("/") + "\"]", "  - { name: lone, url: \"http://no-such-host.invalid/\" }\n");

        await().atMost(Duration.ofSeconds(10)).until(() -> !pages().isEmpty());

        assertThat(pages().getFirst().get("cause").asText()).isEqualTo("dns_failure");
        assertThat(canary.hits()).isGreaterThanOrEqualTo(2); // checked again before the failure was believed
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aLoneMonitorThatCannotResolveItsHostPagesWithoutCanaries() throws Exception {
        start("", "  - { name: lone, url: \"http://no-such-host.invalid/\" }\n");

        await().atMost(Duration.ofSeconds(10)).until(() -> !pages().isEmpty());

        assertThat(pages().getFirst().get("cause").asText()).isEqualTo("dns_failure");
        assertThat(warnings()).isEmpty();
    }

    @Test
    void anAgentRegionWhoseCanariesFailIsExcludedUntilTheyAnswerAgain() throws Exception {
        HostileServer target = keep(HostileServer.status(200, Map.of(), "ok"));
        String canary = target.url("/canary").toString(); // answers the server; the agent says it cannot reach it
        start("canaries: [\"" + canary + "\"]", "  - { name: api, url: \"%s\", regions: [local, a] }\n".formatted(target.url("/")));
        await().atMost(Duration.ofSeconds(10)).until(() -> target.hits() >= 1);

        for (int i = 0; i < 3; i++) {
            postBatch("lost-" + i, List.of(result("~canary", canary, "connection_refused", 0, i),
                    result("api", target.url("/").toString(), "connect_timeout", 0, i)));
        }

        JsonNode agent = api("/api/v1/agents").get(0);
        assertThat(agent.get("healthy").asBoolean()).isFalse();
        assertThat(agent.get("unhealthy_reason").asText()).isEqualTo("lost its own connectivity");
        await().atMost(Duration.ofSeconds(5)).until(() -> !warnings().isEmpty());
        assertThat(warnings()).hasSize(1);
        assertThat(warnings().getFirst().at("/diagnosis/summary").asText()).contains("Probe region a lost its own connectivity");
        Thread.sleep(5_500); // past the confirmation window: neither an incident nor a blip
        assertThat(api("/api/v1/incidents")).isEmpty();
        assertThat(api("/api/v1/monitors/api/blips")).isEmpty();
        assertThat(api("/api/v1/monitors/api/results?limit=100").findValuesAsText("region")).contains("a"); // kept

        postBatch("back", List.of(result("~canary", canary, "ok", 200, 10)));
        assertThat(api("/api/v1/agents").get(0).get("healthy").asBoolean()).isTrue();
        assertThat(warnings()).hasSize(1);
    }

    @Test
    void anAgentRegionWhereMostMonitorsFailAloneWithoutAnAnswerIsExcluded() throws Exception {
        List<HostileServer> targets = new ArrayList<>();
        StringBuilder monitors = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            targets.add(keep(HostileServer.status(200, Map.of(), "ok")));
            monitors.append("  - { name: m%d, url: \"%s\", regions: [local, a] }\n".formatted(i, targets.get(i).url("/")));
        }
        start("", monitors.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> targets.stream().allMatch(t -> t.hits() >= 1));

        List<String> failing = new ArrayList<>();
        for (int i = 0; i < 10; i++) failing.add(result("m" + i, targets.get(i).url("/").toString(), "connect_timeout", 0, 0));
        postBatch("all-at-once", failing);

        assertThat(api("/api/v1/agents").get(0).get("healthy").asBoolean()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> !warnings().isEmpty());
        assertThat(warnings().getFirst().at("/diagnosis/summary").asText())
                .contains("most of its monitors fail without an answer while other regions see them up");
        Thread.sleep(5_500); // past the confirmation window: the suspicions the first failures raised end without a blip
        assertThat(api("/api/v1/incidents")).isEmpty();
        for (int i = 0; i < 10; i++) assertThat(api("/api/v1/monitors/m" + i + "/blips")).as("blips of m" + i).isEmpty();
        assertThat(warnings()).hasSize(1);
        assertThat(pages()).isEmpty();
    }

    private void start(String serverExtra, String monitors) {
        int port = receiver.getAddress().getPort();
        String yaml = """
                server: { port: 0, api_tokens: [{ name: test, token: "test-token-0123456789abcdef", role: admin }], data_dir: "%s", %s }
                defaults: { interval: 1s, timeout: 1s }
                confirm: { quorum: 2, window: 5s, period: 0s, recovery: 2 }
                channels:
                  - { name: pager, type: webhook, url: "http://127.0.0.1:%d/pager", severities: [critical] }
                  - { name: chat, type: webhook, url: "http://127.0.0.1:%d/chat", severities: [warning] }
                agents:
                  - { region: a, token: %s }
                monitors:
                %s""".formatted(dir, serverExtra, port, port, TOKEN, monitors);
        FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "probe-fault.yaml")).config();
        server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC());
    }

    private List<JsonNode> warnings() {
        return received.stream().filter(r -> r.channel().equals("chat") && r.body().get("event").asText().equals("warning"))
                .map(Received::body).toList();
    }

    private List<JsonNode> pages() {
        return received.stream().filter(r -> r.channel().equals("pager") && r.body().get("event").asText().equals("incident.opened"))
                .map(Received::body).toList();
    }

    /** A result as agent {@code a} sends it, {@code second} seconds from now (minus a minute, so none is in the future). */
    private static String result(String monitor, String url, String cause, int status, int second) {
        return """
                {"monitor":"%s","region":"a","url":"%s","started_at":"%s","total_us":1000000,"status":%d,"headers":{},
                 "body_bytes":0,"body_sha256":"","failed_assertions":[],"cause":"%s","detail":""}"""
                .formatted(monitor, url, Instant.now().minusSeconds(5).plusMillis(second * 100L), status, cause);
    }

    private void postBatch(String id, List<String> results) throws Exception {
        String body = "{\"batch\":\"" + id + "\",\"results\":[" + String.join(",", results) + "]}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/api/v1/agent/a/results")).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** Every user API call of this test goes through here (the place to add credentials). */
    private JsonNode api(String path) throws Exception {
        HttpResponse<String> response = http.send(ServerApiTest.authorized(URI.create("http://127.0.0.1:" + server.port() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        open.add(closeable);
        return closeable;
    }
}
