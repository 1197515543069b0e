package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.FaultlineVersion;
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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's own probe names its region in the User-Agent and in its results: {@code local}, or {@code server.region}. */
class OwnRegionTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void theServersOwnProbeIsLocalByDefault() throws Exception {
        assertOwnRegion("", "local");
    }

    @Test
    void serverRegionRenamesTheServersOwnProbeAndMonitorsInLocalFollowIt() throws Exception {
        assertOwnRegion("region: home", "home");
    }

    private void assertOwnRegion(String setting, String region) throws Exception {
        try (HostileServer target = HostileServer.status(200, Map.of(), "ok")) {
            FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse("""
                    server: { port: 0, api_tokens: [{ name: test, token: "test-token-0123456789abcdef", role: admin }], data_dir: "%s", %s }
                    defaults: { interval: 1s, timeout: 1s }
                    monitors:
                      - { name: site, url: "%s", regions: [local] }
                    """.formatted(dir, setting, target.url("/")), "test.yaml")).config();
            try (FaultlineServer server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> target.hits() > 0);
                assertThat(target.lastRequestHeaders().get("User-Agent"))
                        .isEqualTo("Faultline/" + FaultlineVersion.get() + " (+region=" + region + ")")
                        .isEqualTo(FaultlineVersion.userAgent(region));
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(get(server, "/api/v1/monitors/site/results").findValuesAsText("region")).isNotEmpty()
                                .containsOnly(region));
            }
        }
    }

    /** Every API call of this test goes through here (the place to add credentials). */
    private static JsonNode get(FaultlineServer server, String path) throws Exception {
        HttpResponse<String> response = http.send(ServerApiTest.authorized(URI.create("http://127.0.0.1:" + server.port() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }
}
