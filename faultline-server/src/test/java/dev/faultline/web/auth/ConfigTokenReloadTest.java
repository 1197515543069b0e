package dev.faultline.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.server.FaultlineServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A token taken out of the config file stops working when the file is saved, without a restart. */
class ConfigTokenReloadTest {

    private static final String OLD = "old-token-0123456789abcdef";
    private static final String NEW = "new-token-0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void aTokenRemovedFromTheFileStopsWorkingAtTheReload() throws Exception {
        Path file = dir.resolve("faultline.yaml");
        Files.writeString(file, config(OLD));
        FaultlineConfig initial = ((LoadResult.Loaded) new ConfigLoader(Map.of()).load(file)).config();
        HttpClient http = HttpClient.newHttpClient();

        try (FaultlineServer server = FaultlineServer.start(initial, Optional.of(file), Map.of(), Clock.systemUTC())) {
            assertThat(status(http, server, OLD)).isEqualTo(200);
            assertThat(status(http, server, NEW)).isEqualTo(401);

            Files.writeString(file, config(NEW));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(status(http, server, OLD)).isEqualTo(401);
                assertThat(status(http, server, NEW)).isEqualTo(200);
            });
        }
    }

    private String config(String token) {
        return "server: { port: 0, data_dir: \"" + dir.resolve("data") + "\", api_tokens: [{ name: ci, token: " + token
                + ", role: viewer }] }\n";
    }

    private static int status(HttpClient http, FaultlineServer server, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/monitors"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
