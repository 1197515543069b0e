package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.json.Json;
import dev.faultline.testing.RegionalTarget;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server in this JVM and two probe agents ({@code faultline probe}, regions {@code a} and
 * {@code b}) as processes of their own, checking targets that answer by the region in the
 * User-Agent: a failure only one region sees is a blip, a failure every region sees is one
 * incident that several regions confirmed, and a server down for 30 s loses none of the agents' results.
 */
class AgentsEndToEndTest {

    private static final Logger log = LoggerFactory.getLogger(AgentsEndToEndTest.class);
    private static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private AgentProcesses agents;
    private FaultlineServer server;
    private RegionalTarget target;

    @AfterEach
    void stopAll() throws Exception {
        if (agents != null) agents.close();
        if (server != null) server.close();
        if (target != null) target.close();
    }

    @Test
    void agentsConfirmIncidentsKeepBlipsApartAndLoseNothingWhileTheServerIsDown() throws Exception {
        target = RegionalTarget.start();
        target.failFor("/only-b", Set.of("b"));
        server = FaultlineServer.start(config(0), Optional.empty(), Map.of(), Clock.systemUTC());
        int port = server.port();
        agents = new AgentProcesses(dir);
        agents.start("a", "token-of-a", port);
        agents.start("b", "token-of-b", port);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(regionsThatChecked("/steady")).contains("local", "a", "b");
            assertThat(get("/api/v1/agents").findValuesAsText("connected")).containsExactly("true", "true");
        });
        JsonNode agentsView = get("/api/v1/agents");
        assertThat(agentsView.findValuesAsText("region")).containsExactly("a", "b");
        assertThat(agentsView.get(0).get("healthy").asBoolean()).isTrue();
        assertThat(agentsView.get(0).get("monitors").asInt()).isEqualTo(4);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/api/v1/agents").get(0).get("results_received").asLong()).isPositive());
        // The User-Agent names the region: the target told a, b and the server's own probe apart above.
        assertThat(target.hits().stream().filter(h -> h.region().equals("?"))).isEmpty();

        // Failing for b only: blips naming b, never an incident.
        // A round closes without a quorum at the end of the 10 s window.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(get("/api/v1/monitors/only-b/blips").findValues("failures"))
                        .anySatisfy(failures -> assertThat(failures.has("b")).isTrue()));

        // Failing for everyone: one incident, confirmed by at least two regions; and the same at a 10 s interval.
        Instant switched = Instant.now();
        target.failFor("/all", Set.of("*"));
        target.failFor("/ten", Set.of("*"));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> !incidentsOf("all").isEmpty());
        JsonNode incident = incidentsOf("all").getFirst();
        assertThat(incident.get("regions").size()).isGreaterThanOrEqualTo(2);
        assertThat(incident.get("state").asText()).isEqualTo("open");

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50)).until(() -> !incidentsOf("ten").isEmpty());
        Instant seen = Instant.now();
        JsonNode ten = incidentsOf("ten").getFirst();
        Instant firstFailingResponse = target.hits().stream().filter(h -> h.path().equals("/ten") && h.status() == 502)
                .map(RegionalTarget.Hit::at).min(Instant::compareTo).orElseThrow();
        Instant opened = Instant.parse(ten.get("opened_at").asText());
        log.info("time to open with 3 regions (local, a, b) at a 10 s interval: {} ms from the target's first failing response"
                        + " to the incident opening ({} ms to seeing it in the API; {} ms after the target switched); regions {}",
                Duration.between(firstFailingResponse, opened).toMillis(), Duration.between(firstFailingResponse, seen).toMillis(),
                Duration.between(switched, firstFailingResponse).toMillis(), ten.get("regions"));
        assertThat(ten.get("regions").size()).isGreaterThanOrEqualTo(2);

        // The server goes away for 30 s; the agents keep checking and send everything afterwards.
        Thread.sleep(2_000);
        assertThat(incidentsOf("all")).hasSize(1);
        assertThat(incidentsOf("only-b")).isEmpty();
        Instant down = Instant.now();
        server.close();
        server = null;
        Thread.sleep(30_000);
        Instant up = Instant.now();
        server = FaultlineServer.start(config(port), Optional.empty(), Map.of(), Clock.systemUTC());

        for (String region : List.of("a", "b")) {
            List<Instant> during = target.hits().stream()
                    .filter(h -> h.path().equals("/steady") && h.region().equals(region) && !h.at().isBefore(down) && h.at().isBefore(up))
                    .map(RegionalTarget.Hit::at).sorted().toList();
            assertThat(during).as("checks from " + region + " while the server was down").hasSizeGreaterThan(20);
            Instant first = during.getFirst().minusMillis(500);
            Instant last = during.getLast();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(resultTimes("steady", region, first, last)).hasSize(during.size()));
            List<Instant> stored = resultTimes("steady", region, Instant.EPOCH, Instant.now());
            assertThat(new HashSet<>(stored)).as("no result of " + region + " stored twice").hasSameSizeAs(stored);
            log.info("region {}: {} checks while the server was down for {} s, {} of them stored after it came back", region,
                    during.size(), Duration.between(down, up).toSeconds(), resultTimes("steady", region, first, last).size());
        }
        assertThat(incidentsOf("all")).hasSize(1);
        assertThat(incidentsOf("only-b")).isEmpty();
    }

    private FaultlineConfig config(int port) {
        StringBuilder yaml = new StringBuilder("""
                server: { port: %d, api_tokens: [{ name: test, token: "test-token-0123456789abcdef", role: admin }], data_dir: "%s" }
                defaults: { interval: 1s, timeout: 1s }
                confirm: { quorum: 2, window: 10s, period: 0s, recovery: 2 }
                agents:
                  - { region: a, token: token-of-a }
                  - { region: b, token: token-of-b }
                monitors:
                """.formatted(port, dir.resolve("data")));
        for (String name : List.of("steady", "only-b", "all")) {
            yaml.append("  - { name: %s, url: \"%s\", regions: [local, a, b] }\n".formatted(name, target.url("/" + name)));
        }
        yaml.append("  - { name: ten, url: \"%s\", interval: 10s, regions: [local, a, b] }\n".formatted(target.url("/ten")));
        return ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml.toString(), "test.yaml")).config();
    }

    private Set<String> regionsThatChecked(String path) {
        Set<String> regions = new HashSet<>();
        target.hits().stream().filter(h -> h.path().equals(path)).forEach(h -> regions.add(h.region()));
        return regions;
    }

    private List<Instant> resultTimes(String monitor, String region, Instant from, Instant to) throws Exception {
        List<Instant> times = new ArrayList<>();
        for (JsonNode result : get("/api/v1/monitors/" + monitor + "/results?limit=1000&since=" + from)) {
            Instant at = Instant.parse(result.get("time").asText());
            if (result.get("region").asText().equals(region) && !at.isBefore(from) && !at.isAfter(to)) times.add(at);
        }
        return times;
    }

    private List<JsonNode> incidentsOf(String monitorId) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        get("/api/v1/incidents").forEach(node -> {
            if (node.get("monitor_id").asText().equals(monitorId)) found.add(node);
        });
        return found;
    }

    /** Every API call of this test goes through here (the place to add credentials). */
    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(ServerApiTest.authorized(URI.create("http://127.0.0.1:" + server.port() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }
}
