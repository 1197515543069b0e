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
import dev.faultline.monitor.Monitor;
import dev.faultline.testing.HostileServer;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Editing faultline.yaml while the server runs: a valid edit applies, a broken one changes nothing,
 * and neither does one that drops a channel monitors created through the API still name.
 */
class ConfigReloadTest {

    @TempDir
    Path dir;

    private String config(String monitors) {
        return "server: { port: 0, data_dir: \"" + dir.resolve("data") + "\" }\n"
                + "defaults: { interval: 1s, timeout: 1s }\nmonitors:\n" + monitors;
    }

    @Test
    void validEditsApplyAndBrokenOnesKeepTheRunningSet() throws Exception {
        try (HostileServer first = HostileServer.status(200, Map.of(), "ok");
             HostileServer second = HostileServer.status(200, Map.of(), "ok")) {
            Path file = dir.resolve("faultline.yaml");
            Files.writeString(file, config("  - { name: first, url: \"" + first.url("/") + "\" }\n"));
            FaultlineConfig initial = ((LoadResult.Loaded) new ConfigLoader(Map.of()).load(file)).config();

            try (FaultlineServer server = FaultlineServer.start(initial, Optional.of(file), Map.of(), Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(5)).until(() -> first.hits() > 0);

                // Added, and the first one changed: both take effect without a restart.
                Files.writeString(file, config("  - { name: first, url: \"" + first.url("/changed") + "\" }\n"
                        + "  - { name: second, url: \"" + second.url("/") + "\" }\n"));
                await().atMost(Duration.ofSeconds(10)).until(() -> second.hits() > 0);
                await().atMost(Duration.ofSeconds(5)).until(() -> first.lastRequest().orElseThrow().path().equals("/changed"));
                assertThat(server.monitors().all()).extracting(Monitor::id).containsExactly("first", "second");

                // Broken: refused, the two keep running.
                Files.writeString(file, config("  - { name: first, url: \"" + first.url("/") + "\", interval: soon }\n"));
                Thread.sleep(2500);
                assertThat(server.monitors().all()).extracting(Monitor::id).containsExactly("first", "second");
                int secondHits = second.hits();
                await().atMost(Duration.ofSeconds(5)).until(() -> second.hits() > secondHits);

                // Removed: the second one stops.
                Files.writeString(file, config("  - { name: first, url: \"" + first.url("/") + "\" }\n"));
                await().atMost(Duration.ofSeconds(10)).until(() -> server.monitors().size() == 1);
                Thread.sleep(1500); // a check already on its way may still land
                int settled = second.hits();
                Thread.sleep(2500);
                assertThat(second.hits()).isEqualTo(settled);
            }
        }
    }

    @Test
    void anEditDroppingAChannelThatApiMonitorsNameIsRefusedWholeUntilNoneNamesIt() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(FaultlineServer.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.list = new CopyOnWriteArrayList<>(); // the watcher's thread appends while the test reads
        logs.start();
        logger.addAppender(logs);
        try (HostileServer target = HostileServer.status(200, Map.of(), "ok")) {
            Path file = dir.resolve("faultline.yaml");
            String hook = "    - { name: %s, type: webhook, url: \"http://127.0.0.1:9/%s\" }\n";
            String first = "  - { name: first, url: \"" + target.url("/") + "\", channels: [pager] }\n";
            Files.writeString(file, withChannels(hook.formatted("pager", "pager") + hook.formatted("night", "night")
                    + hook.formatted("spare", "spare"), first));
            FaultlineConfig initial = ((LoadResult.Loaded) new ConfigLoader(Map.of()).load(file)).config();

            try (FaultlineServer server = FaultlineServer.start(initial, Optional.of(file), Map.of(), Clock.systemUTC())) {
                Api api = new Api(server.port());
                String monitor = "{\"name\": \"%s\", \"url\": \"" + target.url("/") + "\", \"channels\": %s}";
                assertThat(api.call("POST", "/api/v1/monitors", monitor.formatted("Checkout API", "[\"pager\"]")).statusCode())
                        .isEqualTo(201);
                assertThat(api.call("POST", "/api/v1/monitors", monitor.formatted("Billing", "[\"night\", \"pager\"]")).statusCode())
                        .isEqualTo(201);

                // The edit drops every channel (the file's own monitor no longer names pager) and adds a monitor.
                String second = "  - { name: second, url: \"" + target.url("/second") + "\" }\n";
                String edited = withChannels("", "  - { name: first, url: \"" + target.url("/") + "\" }\n" + second);
                Files.writeString(file, edited);

                String refusal = file + " not applied, the running config is kept: channel 'night' is no longer in the file but "
                        + "still in the alert routing of 1 monitor: 'Billing' (id billing, created through the API or the dashboard); "
                        + "channel 'pager' is no longer in the file but still in the alert routing of 2 monitors: 'Billing' (id billing, "
                        + "created through the API or the dashboard), 'Checkout API' (id checkout-api, created through the API or the "
                        + "dashboard); keep them in the file, or take them out of their channels and save the file again";
                await().alias("the refusal is logged").atMost(Duration.ofSeconds(10)).until(() -> logs.list.stream()
                        .anyMatch(e -> e.getFormattedMessage().equals(refusal) && e.getLevel().toString().equals("ERROR")));
                // Nothing of it applied: every channel stays, and so does the running set of monitors.
                assertThat(api.json("GET", "/api/v1/channels")).extracting(c -> c.get("name").asText())
                        .containsExactly("pager", "night", "spare");
                assertThat(api.call("GET", "/api/v1/monitors/second", null).statusCode()).isEqualTo(404);
                assertThat(server.monitors().find("first").orElseThrow().channels()).containsExactly("pager");

                // Out of their routing, the same file saved again applies whole.
                assertThat(api.call("PUT", "/api/v1/monitors/billing", monitor.formatted("Billing", "[]")).statusCode()).isEqualTo(200);
                assertThat(api.call("DELETE", "/api/v1/monitors/checkout-api", null).statusCode()).isEqualTo(204);
                Files.writeString(file, edited + "# saved again\n");
                await().atMost(Duration.ofSeconds(10)).until(() -> api.call("GET", "/api/v1/monitors/second", null).statusCode() == 200);
                assertThat(api.json("GET", "/api/v1/channels")).isEmpty();
                assertThat(server.monitors().find("first").orElseThrow().channels()).isEmpty();
                assertThat(logs.list).filteredOn(e -> e.getLevel().toString().equals("ERROR")).hasSize(1);
            }
        } finally {
            logger.detachAppender(logs);
        }
    }

    private String withChannels(String channels, String monitors) {
        return "server: { port: 0, data_dir: \"" + dir.resolve("data") + "\", api_tokens: [{ name: test, token: \""
                + ServerApiTest.API_TOKEN + "\", role: admin }] }\n"
                + "defaults: { interval: 1s, timeout: 1s }\n" + (channels.isEmpty() ? "" : "channels:\n" + channels)
                + "monitors:\n" + monitors;
    }

    /** The server's API with the file's admin token. */
    private record Api(int port) {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        HttpResponse<String> call(String method, String path, String body) throws Exception {
            return HTTP.send(ServerApiTest.authorized(URI.create("http://127.0.0.1:" + port + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        }

        JsonNode json(String method, String path) throws Exception {
            return Json.mapper().readTree(call(method, path, null).body());
        }
    }
}
