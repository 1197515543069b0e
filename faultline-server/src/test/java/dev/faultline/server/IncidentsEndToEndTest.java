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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incidents end to end: real targets that start failing, checked on schedule by a real server on
 * SQLite, the incident and its blips read through the API, and a restart in the middle.
 */
class IncidentsEndToEndTest {

    private static final Logger log = LoggerFactory.getLogger(IncidentsEndToEndTest.class);
    private static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open.reversed()) closeable.close();
    }

    @Test
    void aFailingTargetOpensExactlyOneIncidentThatResolvesWhenItRecovers() throws Exception {
        HostileServer target = keep(HostileServer.status(200, Map.of(), "ok"));
        FaultlineServer server = keep(start(dataDir, "1s", Map.of("Flaky", target)));
        awaitChecked(server, "flaky");

        JsonNode incident = failAndTimeOpening(server, target, "flaky", "1s");

        assertThat(incident.get("monitor_id").asText()).isEqualTo("flaky");
        assertThat(incident.get("monitor").asText()).isEqualTo("Flaky");
        assertThat(incident.get("state").asText()).isEqualTo("open");
        assertThat(incident.get("cause").asText()).isEqualTo("bad_gateway");
        assertThat(incident.get("fault").asText()).isEqualTo("server");
        assertThat(incident.get("severity").asText()).isEqualTo("critical");
        assertThat(incident.get("regions")).hasSize(1);
        assertThat(incident.get("regions").get(0).asText()).isEqualTo("local");
        assertThat(incident.get("resolved_at").isNull()).isTrue();
        Thread.sleep(2_500); // more failing checks: the same incident, not new ones
        assertThat(incidentsOf(server, "flaky")).hasSize(1);

        target.switchToStatus(200, Map.of(), "ok");
        long id = incident.get("id").asLong();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(get(server, "/api/v1/incidents/" + id).get("state").asText()).isEqualTo("resolved"));

        JsonNode resolved = get(server, "/api/v1/incidents/" + id);
        assertThat(resolved.get("resolved_at").isTextual()).isTrue();
        assertThat(resolved.get("duration_seconds").asDouble()).isPositive();
        assertThat(resolved.get("timeline").findValuesAsText("kind")).contains("check", "opened", "notification", "resolved");
        assertThat(resolved.at("/timeline/0/details/region").asText()).isEqualTo("local");
        assertThat(incidentsOf(server, "flaky")).hasSize(1);
        assertThat(get(server, "/api/v1/incidents?state=open").findValuesAsText("monitor_id")).doesNotContain("flaky");
    }

    @Test
    void aTargetFailingOnceThenRecoveringGivesABlipAndNoIncident() throws Exception {
        HostileServer target = keep(HostileServer.status(200, Map.of(), "ok"));
        FaultlineServer server = keep(start(dataDir, "1s", Map.of("Blippy", target)));
        awaitChecked(server, "blippy");

        target.failNext(1, 502, Map.of(), "bad gateway");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(get(server, "/api/v1/monitors/blippy/blips")).hasSize(1));
        JsonNode blip = get(server, "/api/v1/monitors/blippy/blips").get(0);
        assertThat(blip.get("failures").get("local").get(0).asText()).isEqualTo("bad_gateway");
        assertThat(blip.get("during_maintenance").asBoolean()).isFalse();
        Thread.sleep(1_500);
        assertThat(incidentsOf(server, "blippy")).isEmpty();
    }

    @Test
    void anIncidentOpenAtShutdownIsStillOpenWithTheSameIdAfterARestart() throws Exception {
        HostileServer target = keep(HostileServer.status(200, Map.of(), "ok"));
        FaultlineServer first = start(dataDir, "1s", Map.of("Flaky", target));
        long id;
        try (first) {
            awaitChecked(first, "flaky");
            target.switchToStatus(503, Map.of(), "down for now");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> !incidentsOf(first, "flaky").isEmpty());
            id = incidentsOf(first, "flaky").get(0).get("id").asLong();
        }

        FaultlineServer second = keep(start(dataDir, "1s", Map.of("Flaky", target)));
        JsonNode after = get(second, "/api/v1/incidents/" + id);
        assertThat(after.get("state").asText()).isEqualTo("open");
        assertThat(after.get("cause").asText()).isEqualTo("service_unavailable");
        Thread.sleep(2_500); // checks go on failing after the restart: still the same incident
        assertThat(incidentsOf(second, "flaky")).extracting(n -> n.get("id").asLong()).containsExactly(id);

        target.switchToStatus(200, Map.of(), "ok");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(get(second, "/api/v1/incidents/" + id).get("state").asText()).isEqualTo("resolved"));
        assertThat(incidentsOf(second, "flaky")).hasSize(1);
    }

    @Test
    void timeToOpenWithOneRegionAtATenSecondInterval() throws Exception {
        HostileServer target = keep(HostileServer.status(200, Map.of(), "ok"));
        FaultlineServer server = keep(start(dataDir, "10s", Map.of("Slow cadence", target)));
        await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(200)).until(() -> target.hits() > 0);

        JsonNode incident = failAndTimeOpening(server, target, "slow-cadence", "10s");

        assertThat(incident.get("severity").asText()).isEqualTo("critical");
    }

    @Test
    void incidentErrorsAreProblemDetails() throws Exception {
        FaultlineServer server = keep(start(dataDir, "1s", Map.of()));

        assertThat(call(server, "/api/v1/incidents/12345").statusCode()).isEqualTo(404);
        assertThat(call(server, "/api/v1/incidents/not-a-number").statusCode()).isEqualTo(404);
        HttpResponse<String> badState = call(server, "/api/v1/incidents?state=sleeping");
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(badState.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Json.mapper().readTree(badState.body()).at("/errors/0/field").asText()).isEqualTo("state");
        assertThat(call(server, "/api/v1/incidents?cursor=x").statusCode()).isEqualTo(400);
        assertThat(call(server, "/api/v1/monitors/nope/blips").statusCode()).isEqualTo(404);
        assertThat(get(server, "/api/v1/incidents").isArray()).isTrue();
        assertThat(get(server, "/api/v1/openapi.json").get("paths").has("/api/v1/incidents/{id}")).isTrue();
    }

    @Test
    void maintenanceWindowsComeFromTheFileAndTheApiAndHoldPagesBack() throws Exception {
        HostileServer target = keep(HostileServer.status(200, Map.of(), "ok"));
        FaultlineServer server = keep(start(dataDir, "1s", Map.of("Flaky", target), """
                maintenance:
                  - { name: sundays, tags: [never-used], weekly: { days: [sun], from: "02:00", to: "04:00", zone: UTC } }
                """));
        awaitChecked(server, "flaky");
        String window = "{\"name\": \"deploy\", \"monitors\": [\"Flaky\"], \"start\": \"%s\", \"end\": \"%s\"}"
                .formatted(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));

        HttpResponse<String> created = send(server, "POST", "/api/v1/maintenance", window);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Json.mapper().readTree(created.body()).get("open").asBoolean()).isTrue();
        assertThat(send(server, "POST", "/api/v1/maintenance", window).statusCode()).isEqualTo(409);
        JsonNode all = get(server, "/api/v1/maintenance");
        assertThat(all.findValuesAsText("name")).containsExactly("sundays", "deploy");
        assertThat(all.get(1).get("monitors").get(0).asText()).isEqualTo("flaky");

        target.switchToStatus(502, Map.of(), "bad gateway");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> !incidentsOf(server, "flaky").isEmpty());
        JsonNode incident = incidentsOf(server, "flaky").get(0);
        assertThat(incident.get("opened_in_maintenance").asBoolean()).isTrue();
        JsonNode timeline = get(server, "/api/v1/incidents/" + incident.get("id").asLong()).get("timeline");
        assertThat(timeline.findValuesAsText("transition")).containsExactly("maintenance_suppressed");

        assertThat(send(server, "DELETE", "/api/v1/maintenance/sundays", null).statusCode()).isEqualTo(409);
        assertThat(send(server, "DELETE", "/api/v1/maintenance/deploy", null).statusCode()).isEqualTo(204);
        // The window is gone and the incident still open: now it is announced.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> assertThat(
                get(server, "/api/v1/incidents/" + incident.get("id").asLong()).get("timeline").findValuesAsText("transition"))
                .containsExactly("maintenance_suppressed", "opened"));
        assertThat(send(server, "DELETE", "/api/v1/maintenance/deploy", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aFileWindowCoversAMonitorCreatedThroughTheApiAfterItByItsName() throws Exception {
        HostileServer target = keep(HostileServer.status(200, Map.of(), "ok"));
        // The file names a monitor it does not have: one the API will create.
        FaultlineServer server = keep(start(dataDir, "1s", Map.of(), """
                maintenance:
                  - { name: deploy, monitors: [Billing API], start: "%s", end: "%s" }
                """.formatted(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600))));
        JsonNode window = get(server, "/api/v1/maintenance").get(0);
        assertThat(window.get("monitors").get(0).asText()).isEqualTo("billing-api");
        assertThat(window.get("source").asText()).isEqualTo("config");

        HttpResponse<String> created = send(server, "POST", "/api/v1/monitors",
                "{\"name\": \"Billing API\", \"url\": \"" + target.url("/") + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        awaitChecked(server, "billing-api");

        assertOpensInMaintenanceOnly(server, target, "billing-api");
    }

    @Test
    void anApiWindowNamesApiMonitorsLiveAndIsDeletedByAnEncodedName() throws Exception {
        HostileServer target = keep(HostileServer.status(200, Map.of(), "ok"));
        FaultlineServer server = keep(start(dataDir, "1s", Map.of()));
        String monitor = "{\"name\": \"Billing API\", \"url\": \"" + target.url("/") + "\"}";
        assertThat(send(server, "POST", "/api/v1/monitors", monitor).statusCode()).isEqualTo(201);
        // A name that is no path segment: a slash, a query, a fragment, a per cent sign, spaces and letters outside ASCII.
        String name = "deploy 2/3? #1 – Größe 100%";
        String window = "{\"name\": \"%s\", \"monitors\": [\"%s\"], \"start\": \"%s\", \"end\": \"%s\"}";
        String open = window.formatted(name, "Billing API", Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));

        HttpResponse<String> created = send(server, "POST", "/api/v1/maintenance", open);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Json.mapper().readTree(created.body()).get("name").asText()).isEqualTo(name);
        // A name no monitor has, of the file or the API, is refused with the field and the reason.
        HttpResponse<String> unknown = send(server, "POST", "/api/v1/maintenance",
                window.formatted("other", "Biling API", Instant.now(), Instant.now().plusSeconds(60)));
        assertThat(unknown.statusCode()).isEqualTo(422);
        JsonNode error = Json.mapper().readTree(unknown.body()).at("/errors/0");
        assertThat(error.get("field").asText()).isEqualTo("monitors[0]");
        assertThat(error.get("message").asText()).isEqualTo("unknown monitor 'Biling API' (did you mean 'Billing API'?); "
                + "monitors: Billing API");

        // The window names the monitor, not the object: deleted and created again, it is covered again.
        assertThat(send(server, "DELETE", "/api/v1/monitors/billing-api", null).statusCode()).isEqualTo(204);
        assertThat(send(server, "POST", "/api/v1/monitors", monitor).statusCode()).isEqualTo(201);
        awaitChecked(server, "billing-api");
        assertOpensInMaintenanceOnly(server, target, "billing-api");

        String path = "/api/v1/maintenance/deploy%202%2F3%3F%20%231%20%E2%80%93%20Gr%C3%B6%C3%9Fe%20100%25";
        assertThat(send(server, "DELETE", path, null).statusCode()).isEqualTo(204);
        assertThat(get(server, "/api/v1/maintenance")).isEmpty();
        assertThat(send(server, "DELETE", path, null).statusCode()).isEqualTo(404);
    }

    /** Fails the target: the monitor's incident opens in maintenance, and nobody is told. */
    private static void assertOpensInMaintenanceOnly(FaultlineServer server, HostileServer target, String monitorId) throws Exception {
        target.switchToStatus(502, Map.of(), "bad gateway");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> !incidentsOf(server, monitorId).isEmpty());
        JsonNode incident = incidentsOf(server, monitorId).get(0);
        assertThat(incident.get("opened_in_maintenance").asBoolean()).isTrue();
        JsonNode timeline = get(server, "/api/v1/incidents/" + incident.get("id").asLong()).get("timeline");
        assertThat(timeline.findValuesAsText("transition")).containsExactly("maintenance_suppressed");
    }

    @Test
    void aBadMaintenanceWindowIsRejectedNamingEachField() throws Exception {
        HostileServer target = keep(HostileServer.status(200, Map.of(), "ok"));
        FaultlineServer server = keep(start(dataDir, "1s", Map.of("Flaky", target)));

        HttpResponse<String> answer = send(server, "POST", "/api/v1/maintenance",
                "{\"name\": \"bad\", \"monitors\": [\"flakey\"], \"weekly\": {\"days\": [\"someday\"], \"from\": \"2am\", \"to\": \"04:00\"}}");

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Json.mapper().readTree(answer.body()).get("errors").findValuesAsText("field"))
                .containsExactly("monitors[0]", "weekly.days[0]", "weekly.from");
        assertThat(Json.mapper().readTree(answer.body()).at("/errors/0/message").asText()).contains("did you mean 'Flaky'?");
        assertThat(get(server, "/api/v1/maintenance")).isEmpty();
    }

    /**
     * Switches the target to 502 and polls the API until the incident shows: the time from the
     * first failing check (its start, the incident's started_at) to the incident being visible.
     */
    private JsonNode failAndTimeOpening(FaultlineServer server, HostileServer target, String monitorId, String interval)
            throws Exception {
        Instant switched = Instant.now();
        target.switchToStatus(502, Map.of(), "bad gateway");
        Duration limit = Duration.parse("PT" + interval.toUpperCase()).multipliedBy(3);
        JsonNode incident = null;
        Instant seen = null;
        while (incident == null && Duration.between(switched, Instant.now()).compareTo(limit) < 0) {
            List<JsonNode> found = incidentsOf(server, monitorId);
            if (!found.isEmpty()) {
                seen = Instant.now();
                incident = found.get(0);
            } else {
                Thread.sleep(10);
            }
        }
        assertThat(incident).as("an incident within " + limit).isNotNull();
        Instant firstFailure = Instant.parse(incident.get("started_at").asText());
        Instant confirmed = Instant.parse(incident.get("opened_at").asText());
        log.info("time to open at a {} interval, one region: {} ms from the first failing check to the incident in the API "
                        + "({} ms between the failing check and the re-check that confirmed it; {} ms from the target's switch)",
                interval, Duration.between(firstFailure, seen).toMillis(), Duration.between(firstFailure, confirmed).toMillis(),
                Duration.between(switched, seen).toMillis());
        return incident;
    }

    private static FaultlineServer start(Path dataDir, String interval, Map<String, HostileServer> targets) {
        return start(dataDir, interval, targets, "");
    }

    private static FaultlineServer start(Path dataDir, String interval, Map<String, HostileServer> targets, String more) {
        StringBuilder yaml = new StringBuilder("""
                server: { port: 0, data_dir: "%s", api_tokens: [{ name: test, token: "%s", role: admin }] }
                defaults: { interval: %s, timeout: 1s }
                monitors:
                """.formatted(dataDir, API_TOKEN, interval));
        targets.forEach((name, target) -> yaml.append("  - { name: \"%s\", url: \"%s\" }\n".formatted(name, target.url("/"))));
        if (targets.isEmpty()) yaml.append("  []\n");
        yaml.append(more);
        FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml.toString(), "test.yaml")).config();
        return FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC());
    }

    private static void awaitChecked(FaultlineServer server, String monitorId) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                get(server, "/api/v1/monitors/" + monitorId).get("outcome").asText().equals("up"));
    }

    private static List<JsonNode> incidentsOf(FaultlineServer server, String monitorId) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        get(server, "/api/v1/incidents").forEach(node -> {
            if (node.get("monitor_id").asText().equals(monitorId)) found.add(node);
        });
        return found;
    }

    private static JsonNode get(FaultlineServer server, String path) throws Exception {
        HttpResponse<String> response = call(server, path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static HttpResponse<String> send(FaultlineServer server, String method, String path, String body) throws Exception {
        return http.send(authorized(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> call(FaultlineServer server, String path) throws Exception {
        return http.send(authorized(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        open.add(closeable);
        return closeable;
    }

    // Every API call carries the config file's admin token (server.api_tokens).
    static final String API_TOKEN = "test-token-0123456789abcdef";

    static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + API_TOKEN);
    }
}
