package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optimistic concurrency of API monitors through the real server: every view of one monitor has
 * its revision as an ETag, a PUT or DELETE with If-Match is made only if nobody saved the monitor
 * since (else 412 with the ETag it has now), and one without If-Match works as before.
 */
class MonitorRevisionApiTest {

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
                defaults: { interval: 30s, timeout: 1s }
                monitors:
                  - { name: From file, url: "%s" }
                """.formatted(dir, target.url("/file"));
        FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "test.yaml")).config();
        return FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC());
    }

    HttpResponse<String> call(String method, String path, String body, String ifMatch) throws Exception {
        HttpRequest.Builder request = ServerApiTest.authorized(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        if (ifMatch != null) request.header("If-Match", ifMatch);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String monitor(String interval) {
        return "{\"name\": \"Checkout API\", \"url\": \"" + target.url("/checkout") + "\", \"interval\": \"" + interval + "\"}";
    }

    static String etag(HttpResponse<String> answer) {
        return answer.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag: " + answer.headers()));
    }

    static JsonNode json(HttpResponse<String> answer) throws Exception {
        return Json.mapper().readTree(answer.body());
    }

    @Test
    void eachSaveChangesTheETagAndAnIfMatchOfTheCurrentOneSucceeds() throws Exception {
        HttpResponse<String> created = call("POST", "/api/v1/monitors", monitor("10s"), null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String first = etag(created);
        assertThat(first).matches("\"[0-9]+\"");
        assertThat(json(created).get("revision").asText()).isEqualTo(first.replace("\"", ""));

        HttpResponse<String> read = call("GET", "/api/v1/monitors/checkout-api", null, null);
        assertThat(etag(read)).isEqualTo(first);

        HttpResponse<String> changed = call("PUT", "/api/v1/monitors/checkout-api", monitor("20s"), first);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(etag(changed)).isNotEqualTo(first);
        assertThat(json(changed).at("/spec/interval").asText()).isEqualTo("20s");
        assertThat(etag(call("GET", "/api/v1/monitors/checkout-api", null, null))).isEqualTo(etag(changed));

        // Listed monitors carry it too, for whoever changes monitors read from a list.
        JsonNode listed = json(call("GET", "/api/v1/monitors", null, null));
        assertThat(listed.findParents("id").stream().filter(m -> m.get("id").asText().equals("checkout-api")).findFirst().orElseThrow()
                .get("revision").asText()).isEqualTo(etag(changed).replace("\"", ""));

        assertThat(call("DELETE", "/api/v1/monitors/checkout-api", null, etag(changed)).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/monitors/checkout-api", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aSaveFromAStaleETagIsRefusedWith412NamingTheMonitorAndTheCurrentETagAndChangesNothing() throws Exception {
        String read = etag(call("POST", "/api/v1/monitors", monitor("10s"), null));
        // Someone else saves it first, from the same read.
        HttpResponse<String> theirs = call("PUT", "/api/v1/monitors/checkout-api", monitor("20s"), read);
        assertThat(theirs.statusCode()).isEqualTo(200);

        HttpResponse<String> mine = call("PUT", "/api/v1/monitors/checkout-api", monitor("45s"), read);

        assertThat(mine.statusCode()).isEqualTo(412);
        assertThat(mine.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(etag(mine)).isEqualTo(etag(theirs));
        JsonNode problem = json(mine);
        assertThat(problem.get("type").asText()).isEqualTo("urn:faultline:problem:monitor-changed");
        assertThat(problem.get("status").asInt()).isEqualTo(412);
        assertThat(problem.get("detail").asText()).contains("'Checkout API'", "checkout-api", "changed since it was read",
                "nothing was changed");
        assertThat(json(call("GET", "/api/v1/monitors/checkout-api", null, null)).at("/spec/interval").asText()).isEqualTo("20s");

        HttpResponse<String> staleDelete = call("DELETE", "/api/v1/monitors/checkout-api", null, read);
        assertThat(staleDelete.statusCode()).isEqualTo(412);
        assertThat(etag(staleDelete)).isEqualTo(etag(theirs));
        assertThat(server.monitors().find("checkout-api")).isPresent();
    }

    @Test
    void withoutIfMatchChangesAreMadeAsBefore() throws Exception {
        String first = etag(call("POST", "/api/v1/monitors", monitor("10s"), null));

        HttpResponse<String> changed = call("PUT", "/api/v1/monitors/checkout-api", monitor("20s"), null);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json(changed).at("/spec/interval").asText()).isEqualTo("20s");
        assertThat(etag(changed)).as("a save without If-Match still counts a revision").isNotEqualTo(first);
        assertThat(call("PUT", "/api/v1/monitors/checkout-api", monitor("30s"), "*").statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/api/v1/monitors/checkout-api", null, null).statusCode()).isEqualTo(204);
    }

    @Test
    void aStaleETagIsToldBeforeTheBodyIsJudged() throws Exception {
        String read = etag(call("POST", "/api/v1/monitors", monitor("10s"), null));
        call("PUT", "/api/v1/monitors/checkout-api", monitor("20s"), null);

        HttpResponse<String> stale = call("PUT", "/api/v1/monitors/checkout-api", "{\"name\": \"Checkout API\", \"url\": \"ftp://x/\"}", read);

        assertThat(stale.statusCode()).isEqualTo(412);
    }

    @Test
    void aWeakOrForeignTagNeverMatchesAndAnUnquotedOneIsABadRequest() throws Exception {
        String read = etag(call("POST", "/api/v1/monitors", monitor("10s"), null));

        assertThat(call("PUT", "/api/v1/monitors/checkout-api", monitor("20s"), "W/" + read).statusCode()).isEqualTo(412);
        assertThat(call("PUT", "/api/v1/monitors/checkout-api", monitor("20s"), "\"abc\"").statusCode()).isEqualTo(412);
        HttpResponse<String> unquoted = call("PUT", "/api/v1/monitors/checkout-api", monitor("20s"), read.replace("\"", ""));
        assertThat(unquoted.statusCode()).isEqualTo(400);
        assertThat(json(unquoted).at("/errors/0/field").asText()).isEqualTo("If-Match");
        assertThat(json(unquoted).get("detail").asText()).contains("quotes included");
        // One of several tags will do.
        assertThat(call("PUT", "/api/v1/monitors/checkout-api", monitor("20s"), "\"1\", " + read).statusCode()).isEqualTo(200);
        assertThat(json(call("GET", "/api/v1/monitors/checkout-api", null, null)).at("/spec/interval").asText()).isEqualTo("20s");
    }

    @Test
    void aConfigFileMonitorHasNoETagAndStaysReadOnly() throws Exception {
        HttpResponse<String> read = call("GET", "/api/v1/monitors/from-file", null, null);

        assertThat(read.headers().firstValue("ETag")).isEmpty();
        assertThat(json(read).get("revision").isNull()).isTrue();
        assertThat(call("PUT", "/api/v1/monitors/from-file", "{\"name\": \"From file\", \"url\": \"" + target.url("/") + "\"}", "\"1\"")
                .statusCode()).isEqualTo(409);
    }

    @Test
    void ofManySavesFromOneETagAtOnceExactlyOneIsMade() throws Exception {
        String read = etag(call("POST", "/api/v1/monitors", monitor("10s"), null));
        int writers = 8;
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> saves = IntStream.range(0, writers).mapToObj(i -> threads.submit((Callable<HttpResponse<String>>) () -> {
                go.await();
                return call("PUT", "/api/v1/monitors/checkout-api", monitor((11 + i) + "s"), read);
            })).toList();
            go.countDown();

            List<Integer> statuses = saves.stream().map(f -> {
                try {
                    return f.get().statusCode();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).toList();
            assertThat(statuses).containsOnly(200, 412).filteredOn(s -> s == 200).hasSize(1);
        }
    }

    @Test
    void anETagReadBeforeARestartStillHoldsAfterIt() throws Exception {
        String read = etag(call("POST", "/api/v1/monitors", monitor("10s"), null));
        server.close();
        server = start(dataDir);

        assertThat(etag(call("GET", "/api/v1/monitors/checkout-api", null, null))).isEqualTo(read);
        assertThat(call("PUT", "/api/v1/monitors/checkout-api", monitor("20s"), read).statusCode()).isEqualTo(200);
        assertThat(call("PUT", "/api/v1/monitors/checkout-api", monitor("30s"), read).statusCode()).isEqualTo(412);
    }
}
