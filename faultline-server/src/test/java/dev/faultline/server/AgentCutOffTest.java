package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.json.Json;
import dev.faultline.testing.NetNamespace;
import dev.faultline.testing.RegionalTarget;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent process in a network namespace of its own, then cut off from every target by
 * nftables drop rules (its server still reachable): its canaries time out, the region is marked
 * unhealthy, one warning says so, and nothing pages. Skipped where namespaces cannot be made.
 */
class AgentCutOffTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private final List<JsonNode> alerts = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private Process agent;
    private FaultlineServer server;
    private String apiHost;

    @AfterEach
    void stopAll() throws Exception {
        if (agent != null) {
            agent.destroy();
            if (!agent.waitFor(10, TimeUnit.SECONDS)) agent.destroyForcibly();
        }
        if (server != null) server.close();
        for (AutoCloseable closeable : open.reversed()) closeable.close();
    }

    @Test
    void anAgentCutOffFromEveryTargetIsUnhealthyAndPagesNothing() throws Exception {
        Assumptions.assumeTrue(NetNamespace.available(), "network namespaces and nft need root, ip and nftables");
        NetNamespace ns = keep(NetNamespace.create());
        InetAddress host = ns.hostAddress();
        RegionalTarget target = RegionalTarget.start(host);
        open.add(target);
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            alerts.add(Json.mapper().readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        open.add(() -> receiver.stop(0));

        // The server listens on the host side of the veth pair: the agent's only way out.
        apiHost = host.getHostAddress();
        StringBuilder yaml = new StringBuilder("""
                server: { port: 0, api_tokens: [{ name: test, token: "test-token-0123456789abcdef", role: admin }], host: "%s", data_dir: "%s", canaries: ["%s"] }
                defaults: { interval: 1s, timeout: 1s }
                confirm: { quorum: 2, window: 5s, period: 0s, recovery: 2 }
                channels:
                  - { name: everyone, type: webhook, url: "http://127.0.0.1:%d/hook", severities: [critical, warning] }
                agents:
                  - { region: a, token: token-of-a }
                monitors:
                """.formatted(apiHost, dir.resolve("data"), target.url("/canary"), receiver.getAddress().getPort()));
        for (int i = 0; i < 3; i++) yaml.append("  - { name: m%d, url: \"%s\", regions: [local, a] }\n".formatted(i, target.url("/m" + i)));
        FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml.toString(), "cut-off.yaml")).config();
        server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC());

        agent = new ProcessBuilder(ns.inside(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.faultline.cli.Main", "probe",
                "--server", "http://" + apiHost + ":" + server.port(), "--region", "a", "--token", "token-of-a",
                "--buffer-dir", dir.resolve("buffer").toString())))
                .redirectOutput(dir.resolve("agent.out").toFile()).redirectError(dir.resolve("agent.log").toFile()).start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(target.hits().stream().filter(h -> h.region().equals("a") && h.path().equals("/canary"))).isNotEmpty();
            assertThat(api("/api/v1/agents").get(0).get("results_received").asLong()).isPositive();
        });
        assertThat(api("/api/v1/agents").get(0).get("healthy").asBoolean()).isTrue();

        ns.dropTcpToHostExcept(server.port());

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(api("/api/v1/agents").get(0).get("healthy").asBoolean()).isFalse());
        Thread.sleep(8_000); // the agent goes on failing: still no incident, no page, one warning
        assertThat(api("/api/v1/incidents")).isEmpty();
        assertThat(alerts).extracting(a -> a.get("event").asText()).containsExactly("warning");
        assertThat(alerts.getFirst().at("/diagnosis/summary").asText()).contains("Probe region a lost its own connectivity");
        assertThat(api("/api/v1/monitors/m0/results?limit=50").findValuesAsText("cause")).contains("connect_timeout"); // kept
        assertThat(api("/api/v1/agents").get(0).get("connected").asBoolean()).isTrue();
    }

    /** Every user API call of this test goes through here (the place to add credentials). */
    private JsonNode api(String path) throws Exception {
        HttpResponse<String> response = http.send(ServerApiTest.authorized(URI.create("http://" + apiHost + ":" + server.port() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        open.add(closeable);
        return closeable;
    }
}
