package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.json.Json;
import dev.faultline.testing.HostileServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With {@code server.database_url} set, the server keeps everything in the real PostgreSQL. */
class PostgresServerTest {

    private static final String SERVER = System.getProperty("faultline.test.postgres", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private final String schema = "t_server_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final HttpClient http = HttpClient.newHttpClient();

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path keyDir;

    @BeforeEach
    void createSchema() throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
    }

    @AfterEach
    void dropSchema() throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER)) {
            c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void resultsAndApiMonitorsLiveInPostgresAcrossRestarts() throws Exception {
        try (HostileServer target = HostileServer.status(503, Map.of("Retry-After", "1"), "busy")) {
            String yaml = """
                    server: { port: 0, database_url: "%s&currentSchema=%s", data_dir: "%s", api_tokens: [{ name: test, token: "%s", role: admin }] }
                    defaults: { interval: 1s, timeout: 1s }
                    monitors:
                      - { name: busy, url: "%s" }
                    """.formatted(SERVER, schema, keyDir, API_TOKEN, target.url("/"));
            FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "pg.yaml")).config();

            try (FaultlineServer server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(15)).until(() -> get(server, "/api/v1/monitors/busy/results").size() >= 2);
                HttpResponse<String> created = http.send(authorized(uri(server, "/api/v1/monitors"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"extra\", \"url\": \"" + target.url("/x") + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                HttpResponse<String> channel = http.send(authorized(uri(server, "/api/v1/channels"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"ops\", \"type\": \"slack\", \"url\": \""
                                + target.url("/services/T0/B0/pg-s3cr3t-token") + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(channel.statusCode()).as(channel.body()).isEqualTo(201);
                HttpResponse<String> guarded = http.send(authorized(uri(server, "/api/v1/monitors"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"guarded\", \"url\": \"" + target.url("/g")
                                + "\", \"headers\": {\"Authorization\": \"Bearer pg-header-s3cr3t-42\"}}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(guarded.statusCode()).as(guarded.body()).isEqualTo(201);
            }
            try (Connection c = DriverManager.getConnection(SERVER)) {
                var rows = c.createStatement().executeQuery("SELECT settings::text || sealed_secrets FROM " + schema + ".api_channels"
                        + " UNION ALL SELECT definition::text FROM " + schema + ".monitors WHERE id = 'guarded'");
                int seen = 0;
                while (rows.next()) {
                    assertThat(rows.getString(1)).doesNotContain("s3cr3t");
                    seen++;
                }
                assertThat(seen).isEqualTo(2);
            }
            try (Connection c = DriverManager.getConnection(SERVER)) {
                var rows = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + schema + ".results");
                rows.next();
                assertThat(rows.getLong(1)).isGreaterThanOrEqualTo(2);
            }
            try (FaultlineServer again = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC())) {
                var results = get(again, "/api/v1/monitors/busy/results");
                assertThat(results.get(0).get("cause").asText()).isEqualTo("service_unavailable");
                assertThat(results.get(0).get("retry_after_seconds").asInt()).isEqualTo(1);
                assertThat(get(again, "/api/v1/monitors/extra").get("source").asText()).isEqualTo("api");
                assertThat(get(again, "/api/v1/monitors/busy/uptime").get("24h").asDouble()).isEqualTo(0.0);
                // Read back from PostgreSQL and decrypted: the masks end as the credentials do.
                assertThat(get(again, "/api/v1/channels/ops").at("/settings/url").asText()).isEqualTo("****oken");
                assertThat(get(again, "/api/v1/monitors/guarded").at("/spec/headers/Authorization").asText()).isEqualTo("****t-42");
            }
        }
    }

    private static URI uri(FaultlineServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private com.fasterxml.jackson.databind.JsonNode get(FaultlineServer server, String path) throws Exception {
        return Json.mapper().readTree(http.send(authorized(uri(server, path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    // Every API call carries the config file's admin token (server.api_tokens).
    static final String API_TOKEN = "test-token-0123456789abcdef";

    static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + API_TOKEN);
    }
}
