package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.json.Json;
import dev.faultline.testing.HostileServer;
import dev.faultline.web.AgentApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The agents' API on a real server: tokens bound to regions, batches stored once, the long poll, and the agents' list. */
class AgentApiTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final String TOKEN_A = "secret-token-of-a-1234";
    private static final String TOKEN_B = "secret-token-of-b-5678";

    @TempDir
    Path dir;

    private HostileServer target;
    private FaultlineServer server;

    @BeforeEach
    void start() {
        target = HostileServer.status(200, Map.of(), "ok");
        FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse("""
                server: { port: 0, api_tokens: [{ name: test, token: "test-token-0123456789abcdef", role: admin }], data_dir: "%s", canaries: ["%s"] }
                defaults: { interval: 1s, timeout: 1s }
                agents:
                  - { region: a, token: %s }
                  - { region: b, token: %s }
                monitors:
                  - { name: everywhere, url: "%s", regions: [local, a, b] }
                  - { name: only-b, url: "%s", regions: [b] }
                """.formatted(dir, target.url("/canary"), TOKEN_A, TOKEN_B, target.url("/"), target.url("/b")), "test.yaml")).config();
        server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
        target.close();
    }

    @Test
    void aWrongMissingOrOtherRegionsTokenIsRefusedAndLoggedWithoutTheToken() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(AgentApi.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            assertRefused(agentCall("GET", "/api/v1/agent/a/assignments?wait=0", null, null));
            assertRefused(agentCall("GET", "/api/v1/agent/a/assignments?wait=0", "wrong-token", null));
            assertRefused(agentCall("GET", "/api/v1/agent/a/assignments?wait=0", TOKEN_B, null)); // b's token does not speak for a
            assertRefused(agentCall("POST", "/api/v1/agent/a/results", TOKEN_B, batch("x1", "a", "everywhere")));
            assertRefused(agentCall("GET", "/api/v1/agent/nowhere/assignments?wait=0", TOKEN_A, null));
        } finally {
            logger.detachAppender(logs);
        }
        assertThat(logs.list).hasSize(5).allSatisfy(event -> {
            assertThat(event.getLevel().toString()).isEqualTo("WARN");
            assertThat(event.getFormattedMessage()).contains("127.0.0.1").doesNotContain(TOKEN_A).doesNotContain(TOKEN_B)
                    .doesNotContain("wrong-token");
        });
        assertThat(logs.list.get(0).getFormattedMessage()).contains("region 'a'");
        assertThat(logs.list.get(4).getFormattedMessage()).contains("region 'nowhere'");
        assertThat(agentCall("GET", "/api/v1/agent/a/assignments?wait=0", TOKEN_A, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aBatchSentTwiceIsStoredOnce() throws Exception {
        String body = batch("batch-1", "a", "everywhere");

        JsonNode first = Json.mapper().readTree(agentCall("POST", "/api/v1/agent/a/results", TOKEN_A, body).body());
        JsonNode again = Json.mapper().readTree(agentCall("POST", "/api/v1/agent/a/results", TOKEN_A, body).body());

        assertThat(first.get("accepted").asInt()).isEqualTo(2);
        assertThat(first.get("duplicate").asBoolean()).isFalse();
        assertThat(again.get("accepted").asInt()).isZero();
        assertThat(again.get("duplicate").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(regionResults("everywhere", "a")).isEqualTo(2));
        Thread.sleep(300);
        assertThat(regionResults("everywhere", "a")).isEqualTo(2);
        JsonNode agents = api("/api/v1/agents");
        assertThat(agents.get(0).get("results_received").asInt()).isEqualTo(2);
        assertThat(agents.get(0).get("batches_received").asInt()).isEqualTo(1);
    }

    @Test
    void resultsOfAnotherRegionOrBrokenFieldsAreRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        HttpResponse<String> otherRegion = agentCall("POST", "/api/v1/agent/a/results", TOKEN_A, batch("batch-2", "b", "everywhere"));
        HttpResponse<String> badCause = agentCall("POST", "/api/v1/agent/a/results", TOKEN_A,
                batch("batch-3", "a", "everywhere").replace("\"cause\":\"ok\"", "\"cause\":\"sunspots\""));
        HttpResponse<String> badId = agentCall("POST", "/api/v1/agent/a/results", TOKEN_A, batch("no spaces please", "a", "everywhere"));

        assertThat(otherRegion.statusCode()).isEqualTo(422);
        assertThat(otherRegion.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Json.mapper().readTree(otherRegion.body()).at("/errors/0/field").asText()).isEqualTo("results[0].region");
        assertThat(Json.mapper().readTree(badCause.body()).at("/errors/0/field").asText()).isEqualTo("results[0].cause");
        assertThat(Json.mapper().readTree(badId.body()).at("/errors/0/field").asText()).isEqualTo("batch");
        // The same id, now correct, is taken: a refused batch leaves no trace.
        assertThat(Json.mapper().readTree(agentCall("POST", "/api/v1/agent/a/results", TOKEN_A,
                batch("batch-2", "a", "everywhere")).body()).get("accepted").asInt()).isEqualTo(2);
    }

    @Test
    void resultsForAMonitorNotAssignedToTheRegionAreIgnored() throws Exception {
        JsonNode receipt = Json.mapper().readTree(agentCall("POST", "/api/v1/agent/a/results", TOKEN_A,
                batch("batch-4", "a", "only-b")).body());

        assertThat(receipt.get("accepted").asInt()).isZero();
        assertThat(receipt.get("ignored").asInt()).isEqualTo(2);
    }

    @Test
    void thePollGivesTheRegionsMonitorsAtOnceThenWaitsForAChangeOrARecheck() throws Exception {
        JsonNode first = Json.mapper().readTree(agentCall("GET", "/api/v1/agent/b/assignments", TOKEN_B, null).body());
        assertThat(first.get("monitors").findValuesAsText("id")).containsExactlyInAnyOrder("everywhere", "only-b");
        assertThat(first.get("canaries").get(0).asText()).isEqualTo(target.url("/canary").toString());
        long version = first.get("version").asLong();

        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return agentCall("GET", "/api/v1/agent/b/assignments?version=" + version, TOKEN_B, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        assertThat(waiting).isNotDone();
        assertThat(api("/api/v1/agents").get(1).get("connected").asBoolean()).isTrue(); // polling now
        assertThat(api("/api/v1/agents").get(0).get("connected").asBoolean()).isFalse(); // a never came

        // The server's own check fails: the incident service asks every region to re-check, b through its poll.
        target.switchToStatus(502, Map.of(), "bad gateway");
        HttpResponse<String> woken = waiting.get(20, java.util.concurrent.TimeUnit.SECONDS);
        JsonNode answer = Json.mapper().readTree(woken.body());
        assertThat(answer.get("version").asLong()).isEqualTo(version);
        assertThat(answer.get("rechecks").get(0).asText()).isEqualTo("everywhere");
    }

    private static void assertRefused(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Json.mapper().readTree(response.body()).get("status").asInt()).isEqualTo(401);
    }

    /** Two up results of the monitor from the region, as an agent sends them. */
    private static String batch(String id, String region, String monitor) {
        String result = """
                {"monitor":"%s","region":"%s","url":"http://127.0.0.1:1/","started_at":"%s","dns_us":null,"connect_us":120,
                 "tls_us":null,"first_byte_us":900,"total_us":1000,"status":200,"headers":{},"body_bytes":2,"body_sha256":"ab",
                 "failed_assertions":[],"cause":"ok","retry_after_s":null,"certificate_not_after":null,"detail":""}""";
        Instant now = Instant.now();
        return "{\"batch\":\"" + id + "\",\"results\":[" + result.formatted(monitor, region, now.minusSeconds(2)) + ","
                + result.formatted(monitor, region, now.minusSeconds(1)) + "]}";
    }

    private long regionResults(String monitor, String region) throws Exception {
        long count = 0;
        for (JsonNode result : api("/api/v1/monitors/" + monitor + "/results?limit=1000")) {
            if (result.get("region").asText().equals(region)) count++;
        }
        return count;
    }

    /** Every user API call of this test goes through here (the place to add credentials). */
    private JsonNode api(String path) throws Exception {
        HttpResponse<String> response = http.send(ServerApiTest.authorized(URI.create("http://127.0.0.1:" + server.port() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private HttpResponse<String> agentCall(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
