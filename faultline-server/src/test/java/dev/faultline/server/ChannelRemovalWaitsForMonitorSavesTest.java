package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.json.Json;
import dev.faultline.testing.HostileServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A channel is not removed between a monitor's check of the channels it names and its save. The
 * save is held inside its database write by a lock another PostgreSQL session takes on the monitors
 * table, so it has surely checked its channels and not yet been stored; a delete or a reload that
 * removes the channel meanwhile must wait for it, then find the monitor and refuse. (Without the
 * exclusion the delete went through at once, and the reload went on from a check made before the
 * monitor was stored: either way the monitor ended up naming a channel that was gone.)
 */
class ChannelRemovalWaitsForMonitorSavesTest {

    private static final String SERVER = System.getProperty("faultline.test.postgres", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    // Long enough for a removal that does not wait to be done many times over.
    private static final Duration WAITS = Duration.ofSeconds(1);

    private final String schema = "t_race_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final HttpClient http = HttpClient.newHttpClient();
    private int port;
    private Connection holder;

    @TempDir
    Path dir;

    @BeforeEach
    void createSchema() throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
    }

    @AfterEach
    void dropSchema() throws Exception {
        release();
        try (Connection c = DriverManager.getConnection(SERVER)) {
            c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void aChannelDeletedWhileAMonitorNamingItIsBeingCreatedWaitsAndIsRefused() throws Exception {
        try (HostileServer target = HostileServer.status(200, Map.of(), "ok");
             FaultlineServer server = start(config(target, true))) {
            assertThat(call("POST", "/api/v1/channels", "{\"name\": \"ops\", \"type\": \"webhook\", \"url\": \"http://127.0.0.1:9/ops\"}")
                    .statusCode()).isEqualTo(201);

            holdMonitors();
            CompletableFuture<HttpResponse<String>> created = callAsync("POST", "/api/v1/monitors", "{\"name\": \"Checkout API\", "
                    + "\"url\": \"" + target.url("/") + "\", \"channels\": [\"ops\"]}");
            awaitMonitorWriteWaiting();
            CompletableFuture<HttpResponse<String>> deleted = callAsync("DELETE", "/api/v1/channels/ops", null);
            try {
                await().alias("the delete waits for the save").during(WAITS).atMost(WAITS.multipliedBy(3)).until(() -> !deleted.isDone());
            } finally {
                release();
            }

            assertThat(created.join().statusCode()).as(created.join().body()).isEqualTo(201);
            HttpResponse<String> refused = deleted.join();
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(Json.mapper().readTree(refused.body()).get("detail").asText())
                    .startsWith("channel 'ops' is still in the alert routing of 1 monitor: 'Checkout API' (id checkout-api,");
            assertThat(server.channels().find("ops")).isPresent();
        }
    }

    @Test
    void aReloadDroppingAChannelWhileAMonitorIsBeingChangedToNameItWaitsAndIsRefused() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(FaultlineServer.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.list = new CopyOnWriteArrayList<>();
        logs.start();
        logger.addAppender(logs);
        try (HostileServer target = HostileServer.status(200, Map.of(), "ok")) {
            Path file = dir.resolve("faultline.yaml");
            Files.writeString(file, config(target, true));
            FaultlineConfig initial = ((LoadResult.Loaded) new ConfigLoader(Map.of()).load(file)).config();
            // Not watched: the test calls the reload the watcher calls, so that it starts when the test says.
            try (FaultlineServer server = start(initial)) {
                String monitor = "{\"name\": \"Checkout API\", \"url\": \"" + target.url("/") + "\", \"channels\": %s}";
                assertThat(call("POST", "/api/v1/monitors", monitor.formatted("[]")).statusCode()).isEqualTo(201);
                Files.writeString(file, config(target, false));

                holdMonitors();
                CompletableFuture<HttpResponse<String>> changed = callAsync("PUT", "/api/v1/monitors/checkout-api",
                        monitor.formatted("[\"pager\"]"));
                awaitMonitorWriteWaiting();
                CompletableFuture<Void> reloaded = CompletableFuture.runAsync(() -> server.reload(file), Thread::startVirtualThread);
                try {
                    await().alias("the reload waits for the save").during(WAITS).atMost(WAITS.multipliedBy(3)).until(() -> !reloaded.isDone());
                } finally {
                    release();
                }

                assertThat(changed.join().statusCode()).as(changed.join().body()).isEqualTo(200);
                reloaded.join();
                assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).isEqualTo(file
                        + " not applied, the running config is kept: channel 'pager' is no longer in the file but still in the alert"
                        + " routing of 1 monitor: 'Checkout API' (id checkout-api, created through the API or the dashboard); keep it"
                        + " in the file, or take it out of its channels and save the file again"));
                assertThat(server.channels().find("pager")).isPresent();
                assertThat(server.monitors().find("checkout-api").orElseThrow().channels()).containsExactly("pager");
            }
        } finally {
            logger.detachAppender(logs);
        }
    }

    private String config(HostileServer target, boolean withPager) {
        return """
                server: { port: 0, database_url: "%s&currentSchema=%s", data_dir: "%s", api_tokens: [{ name: test, token: "%s", role: admin }] }
                defaults: { interval: 1s, timeout: 1s }
                %smonitors:
                  - { name: file, url: "%s" }
                """.formatted(SERVER, schema, dir.resolve("data"), ServerApiTest.API_TOKEN,
                withPager ? "channels:\n  - { name: pager, type: webhook, url: \"http://127.0.0.1:9/pager\" }\n" : "", target.url("/"));
    }

    private FaultlineServer start(String yaml) {
        return start(((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "race.yaml")).config());
    }

    private FaultlineServer start(FaultlineConfig config) {
        FaultlineServer server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC());
        port = server.port();
        return server;
    }

    /** Another session holds the monitors table against writes, until {@link #release}. */
    private void holdMonitors() throws Exception {
        holder = DriverManager.getConnection(SERVER);
        holder.setAutoCommit(false);
        holder.createStatement().execute("LOCK TABLE " + schema + ".monitors IN SHARE MODE");
    }

    /** Ends the holder's transaction, and so its lock: the waiting write goes on. */
    private void release() throws Exception {
        if (holder != null) holder.close();
        holder = null;
    }

    /** Until a write to the monitors table waits for the holder: the save has checked its channels and is storing. */
    private void awaitMonitorWriteWaiting() {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Connection c = DriverManager.getConnection(SERVER);
                 PreparedStatement waiting = c.prepareStatement("SELECT COUNT(*) FROM pg_locks l JOIN pg_class t ON t.oid = l.relation"
                         + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE NOT l.granted AND n.nspname = ? AND t.relname = 'monitors'")) {
                waiting.setString(1, schema);
                try (ResultSet rows = waiting.executeQuery()) {
                    rows.next();
                    return rows.getInt(1) == 1;
                }
            }
        });
    }

    private HttpResponse<String> call(String method, String path, String body) {
        return callAsync(method, path, body).join();
    }

    private CompletableFuture<HttpResponse<String>> callAsync(String method, String path, String body) {
        return http.sendAsync(ServerApiTest.authorized(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }
}
