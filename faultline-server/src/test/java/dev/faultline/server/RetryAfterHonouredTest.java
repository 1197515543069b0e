package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.testing.HostileServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rate-limited target is left alone for as long as it asks, then checked on its interval again;
 * a 503 with Retry-After is an outage all the same: confirmed and opened at once, not waited out.
 */
class RetryAfterHonouredTest {

    @TempDir
    Path dir;

    @Test
    void a429WithRetryAfterIsHonouredAndTheIntervalResumesAfterwards() throws Exception {
        try (HostileServer target = HostileServer.status(429, Map.of("Retry-After", "4"), "slow down")) {
            String yaml = """
                    server: { port: 0, data_dir: "%s" }
                    monitors:
                      - { name: limited, url: "%s", interval: 1s, timeout: 1s }
                    """.formatted(dir, target.url("/"));
            FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "t.yaml")).config();
            try (FaultlineServer server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(5)).until(() -> target.hits() >= 1);
                int first = target.hits();
                Thread.sleep(3000);
                // At a 1 s interval it would have been hit three more times; it asked for 4 s of quiet.
                assertThat(target.hits()).isEqualTo(first);
                await().atMost(Duration.ofSeconds(5)).until(() -> target.hits() > first);

                target.switchToStatus(200, Map.of(), "ok");
                int resumed = target.hits();
                await().atMost(Duration.ofSeconds(8)).until(() -> target.hits() >= resumed + 3);
            }
        }
    }

    @Test
    void a503WithALongRetryAfterIsStillConfirmedAndOpensAnIncident() throws Exception {
        try (HostileServer target = HostileServer.status(503, Map.of("Retry-After", "120"), "maintenance")) {
            String yaml = """
                    server: { port: 0, data_dir: "%s", api_tokens: [{ name: test, token: "test-token-0123456789abcdef", role: admin }] }
                    monitors:
                      - { name: busy, url: "%s", interval: 1s, timeout: 1s }
                    """.formatted(dir, target.url("/"));
            FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "t.yaml")).config();
            try (FaultlineServer server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC())) {
                // Checked on its interval, not two minutes apart, and the outage is confirmed.
                await().atMost(Duration.ofSeconds(10)).until(() -> target.hits() >= 4);
                await().atMost(Duration.ofSeconds(10)).until(() -> incidents(server).size() == 1);
                var incident = incidents(server).get(0);
                assertThat(incident.get("cause").asText()).isEqualTo("service_unavailable");
                assertThat(incident.get("state").asText()).isEqualTo("open");
            }
        }
    }

    /** Every API call of this test goes through here, with the config file's token. */
    private static com.fasterxml.jackson.databind.JsonNode incidents(FaultlineServer server) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(ServerApiTest.authorized(
                java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/v1/incidents")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return dev.faultline.json.Json.mapper().readTree(response.body());
    }
}
