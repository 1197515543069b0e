package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A channel of the file removed while the server was stopped, still named by monitors created
 * through the API: the server starts, and says at once which monitors name which missing channels.
 */
class MissingChannelAtStartTest {

    @TempDir
    Path dataDir;

    HostileServer target;
    final HttpClient http = HttpClient.newHttpClient();
    final Logger logger = (Logger) LoggerFactory.getLogger(FaultlineServer.class);
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void start() {
        target = HostileServer.status(200, Map.of(), "ok");
        logs.list = new CopyOnWriteArrayList<>();
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(logs);
        target.close();
    }

    @Test
    void monitorsNamingAChannelRemovedWhileStoppedAreNamedAtStartUp() throws Exception {
        try (FaultlineServer server = start(List.of("pager", "night-ops"))) {
            create(server, "{\"name\": \"team-chat\", \"type\": \"webhook\", \"url\": \"http://127.0.0.1:9/chat\"}", "/api/v1/channels");
            create(server, monitor("Checkout API", "[\"night-ops\", \"pager\"]"), "/api/v1/monitors");
            create(server, monitor("Search", "[\"night-ops\"]"), "/api/v1/monitors");
            create(server, monitor("Home", "[\"pager\"]"), "/api/v1/monitors");
            create(server, monitor("Basket", "[\"team-chat\"]"), "/api/v1/monitors");
        }
        assertThat(warnings()).as("every channel was there").noneMatch(w -> w.contains("does not exist"));

        // night-ops leaves the file while the server is stopped.
        try (FaultlineServer server = start(List.of("pager"))) {
            assertThat(server.monitors().find("search")).isPresent();
            assertThat(warnings()).filteredOn(w -> w.contains("does not exist")).containsExactly(
                    "monitor 'Checkout API' (id checkout-api, created through the API or the dashboard) names the channel 'night-ops',"
                            + " which does not exist (neither in the config file nor created through the API or the dashboard):"
                            + " its alerts skip it until the channel is added again or taken out of the monitor's channels",
                    "monitor 'Search' (id search, created through the API or the dashboard) names the channel 'night-ops',"
                            + " which does not exist (neither in the config file nor created through the API or the dashboard):"
                            + " its alerts go nowhere until the channel is added again or taken out of the monitor's channels");
        }
    }

    private List<String> warnings() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private FaultlineServer start(List<String> channels) {
        StringBuilder yaml = new StringBuilder("server: { port: 0, data_dir: \"" + dataDir + "\", api_tokens: [{ name: test, token: \""
                + ServerApiTest.API_TOKEN + "\", role: admin }] }\ndefaults: { interval: 30s, timeout: 1s }\nchannels:\n");
        channels.forEach(c -> yaml.append("  - { name: ").append(c).append(", type: webhook, url: \"http://127.0.0.1:9/").append(c)
                .append("\" }\n"));
        FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml.toString(), "test.yaml")).config();
        return FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC());
    }

    private String monitor(String name, String channels) {
        return "{\"name\": \"" + name + "\", \"url\": \"" + target.url("/") + "\", \"channels\": " + channels + "}";
    }

    private void create(FaultlineServer server, String body, String path) throws Exception {
        HttpResponse<String> answer = http.send(ServerApiTest.authorized(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }
}
