package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.alert.SampleNotifications;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.json.Json;
import dev.faultline.secret.SecretKeys;
import dev.faultline.testing.HostileServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/channels} on a running server: channels created, replaced and deleted through the
 * API take effect at once, their credentials are encrypted in the database and masked in every
 * answer (a mask sent back keeps the stored credential), the config file's channels are read-only,
 * and a restart with the wrong key fails clearly. Monitors' request headers get the same care.
 */
class ChannelApiTest {

    private static final String TOKEN = "sup3rs3cr3tvalue";
    private static final String HMAC = "hmac-shared-secret-1";
    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    @TempDir
    Path dir;

    @Test
    void channelsThroughTheApiApplyAtOnceAreEncryptedAtRestAndNeverShownInFull() throws Exception {
        try (CountingReceiver receiver = CountingReceiver.answering()) {
            String url = receiver.url() + "?token=" + TOKEN;
            String body = """
                    {"name": "ops", "type": "webhook", "url": "%s", "secret": "%s", "severities": ["critical", "warning"]}
                    """.formatted(url, HMAC);
            try (FaultlineServer server = start(Map.of())) {
                HttpResponse<String> created = call("POST", "/api/v1/channels", body);
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                assertThat(created.headers().firstValue("Location")).contains("/api/v1/channels/ops");
                assertThat(created.body()).doesNotContain(TOKEN).doesNotContain(HMAC);
                JsonNode ops = json(created);
                assertThat(ops.at("/settings/url").asText()).isEqualTo("****" + TOKEN.substring(TOKEN.length() - 4));
                assertThat(ops.at("/settings/secret").asText()).isEqualTo("****et-1");
                assertThat(ops.get("source").asText()).isEqualTo("api");

                JsonNode all = json(call("GET", "/api/v1/channels", null));
                assertThat(all).extracting(c -> c.get("name").asText() + " " + c.get("source").asText())
                        .containsExactly("pager config", "ops api");
                assertThat(all.get(0).at("/settings/url").asText()).isEqualTo("****cdef"); // the file's credentials too

                // In the database: no credential in clear.
                assertThat(rawChannelRows()).doesNotContain(TOKEN).doesNotContain(HMAC).doesNotContain("127.0.0.1");

                // Applied to the running dispatcher: an alert for it goes out without a restart.
                server.alerts().notify(SampleNotifications.opened(), List.of("ops"));
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.of("incident.opened").size() == 1);

                // A replacement sending the masks back keeps the stored URL and secret.
                HttpResponse<String> replaced = call("PUT", "/api/v1/channels/ops", """
                        {"name": "ops", "type": "webhook", "url": "%s", "secret": "%s", "severities": ["warning"]}
                        """.formatted(ops.at("/settings/url").asText(), ops.at("/settings/secret").asText()));
                assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
                assertThat(json(replaced).get("severities")).extracting(JsonNode::asText).containsExactly("warning");
                assertThat(json(call("POST", "/api/v1/channels/ops/test", null)).get("delivered").asBoolean()).isTrue();
                assertThat(receiver.of("test")).hasSize(1);

                // Wrong input names the field and changes nothing.
                HttpResponse<String> invalid = call("PUT", "/api/v1/channels/ops", "{\"name\": \"ops\", \"type\": \"webhook\", \"url\": \"nope\"}");
                assertThat(invalid.statusCode()).isEqualTo(422);
                assertThat(json(invalid).at("/errors/0/field").asText()).isEqualTo("url");
                HttpResponse<String> unknownType = call("POST", "/api/v1/channels", "{\"name\": \"x\", \"type\": \"pager\"}");
                assertThat(unknownType.statusCode()).isEqualTo(422);
                assertThat(json(unknownType).at("/errors/0/field").asText()).isEqualTo("type");
                assertThat(call("PUT", "/api/v1/channels/ops", body.replace("\"ops\"", "\"other\"")).statusCode()).isEqualTo(400);
                assertThat(json(call("GET", "/api/v1/channels/ops", null)).get("severities")).extracting(JsonNode::asText)
                        .containsExactly("warning");
                assertThat(call("GET", "/api/v1/channels/x", null).statusCode()).isEqualTo(404);

                // The file's channels are read-only here; names are unique across both.
                assertThat(call("PUT", "/api/v1/channels/pager", body.replace("\"ops\"", "\"pager\"")).statusCode()).isEqualTo(409);
                assertThat(call("DELETE", "/api/v1/channels/pager", null).statusCode()).isEqualTo(409);
                assertThat(call("POST", "/api/v1/channels", body).statusCode()).isEqualTo(409);
                assertThat(call("POST", "/api/v1/channels", body.replace("\"ops\"", "\"pager\"")).statusCode()).isEqualTo(409);
            }

            // After a restart the channel is read back and decrypted: the test send reaches the stored URL.
            try (FaultlineServer again = start(Map.of())) {
                assertThat(json(call("POST", "/api/v1/channels/ops/test", null)).get("delivered").asBoolean()).isTrue();
                assertThat(receiver.of("test")).hasSize(2);
            }

            // With another key, the stored credentials cannot be read: the server says so and does not start.
            String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
            assertThatThrownBy(() -> start(Map.of(SecretKeys.VARIABLE, otherKey)).close())
                    .hasMessageContaining("api_channels[ops]")
                    .hasMessageContaining("FAULTLINE_SECRET_KEY")
                    .hasMessageContaining("not the one it was encrypted with");

            try (FaultlineServer again = start(Map.of())) {
                assertThat(call("DELETE", "/api/v1/channels/ops", null).statusCode()).isEqualTo(204);
                assertThat(call("GET", "/api/v1/channels/ops", null).statusCode()).isEqualTo(404);
                assertThat(call("POST", "/api/v1/channels/ops/test", null).statusCode()).isEqualTo(404);
            }
        }
    }

    @Test
    void aChannelThatMonitorsStillNameIsNotDeletedAndTheRefusalListsThem() throws Exception {
        try (HostileServer target = HostileServer.status(200, Map.of(), "ok"); FaultlineServer server = start(Map.of())) {
            String hook = "{\"name\": \"%s\", \"type\": \"webhook\", \"url\": \"http://127.0.0.1:9/%s\"}";
            assertThat(call("POST", "/api/v1/channels", hook.formatted("ops", "ops")).statusCode()).isEqualTo(201);
            assertThat(call("POST", "/api/v1/channels", hook.formatted("spare", "spare")).statusCode()).isEqualTo(201);
            String monitor = "{\"name\": \"%s\", \"url\": \"" + target.url("/") + "\", \"channels\": %s}";
            assertThat(call("POST", "/api/v1/monitors", monitor.formatted("Checkout API", "[\"ops\"]")).statusCode()).isEqualTo(201);
            assertThat(call("POST", "/api/v1/monitors", monitor.formatted("Billing", "[\"pager\", \"ops\"]")).statusCode())
                    .isEqualTo(201);
            // Paused, it still names the channel: it alerts through it again once resumed.
            assertThat(call("POST", "/api/v1/monitors/billing/pause", null).statusCode()).isEqualTo(200);

            HttpResponse<String> refused = call("DELETE", "/api/v1/channels/ops", null);

            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            JsonNode problem = json(refused);
            assertThat(problem.get("type").asText()).isEqualTo("urn:faultline:problem:channel-in-use");
            assertThat(problem.get("detail").asText()).isEqualTo("channel 'ops' is still in the alert routing of 2 monitors: "
                    + "'Billing' (id billing, created through the API or the dashboard), 'Checkout API' (id checkout-api, "
                    + "created through the API or the dashboard); take it out of their channels first (nothing was deleted)");
            assertThat(call("GET", "/api/v1/channels/ops", null).statusCode()).isEqualTo(200);
            assertThat(rawChannelRows()).contains("ops|");
            // A channel keeps its name: no rename through PUT that could strand them either.
            assertThat(call("PUT", "/api/v1/channels/ops", hook.formatted("ops-renamed", "ops")).statusCode()).isEqualTo(400);
            assertThat(server.channels().find("ops-renamed")).isEmpty();

            // A channel nobody names goes at once.
            assertThat(call("DELETE", "/api/v1/channels/spare", null).statusCode()).isEqualTo(204);

            // Once no monitor names it, it can go.
            assertThat(call("PUT", "/api/v1/monitors/checkout-api", monitor.formatted("Checkout API", "[\"pager\"]")).statusCode())
                    .isEqualTo(200);
            HttpResponse<String> stillBilling = call("DELETE", "/api/v1/channels/ops", null);
            assertThat(stillBilling.statusCode()).isEqualTo(409);
            assertThat(json(stillBilling).get("detail").asText()).contains("of 1 monitor: 'Billing'").doesNotContain("Checkout");
            assertThat(call("DELETE", "/api/v1/monitors/billing", null).statusCode()).isEqualTo(204);
            assertThat(call("DELETE", "/api/v1/channels/ops", null).statusCode()).isEqualTo(204);
            assertThat(call("GET", "/api/v1/channels/ops", null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aMonitorsAuthorizationHeaderIsEncryptedAtRestMaskedAndKeptWhenTheMaskComesBack() throws Exception {
        String secret = "Bearer abcdefghijkl-secret-9876";
        try (HostileServer target = HostileServer.status(200, Map.of(), "ok")) {
            String monitor = """
                    {"name": "private", "url": "%s", "interval": "1s", "timeout": "1s",
                     "headers": {"Authorization": "%s", "Accept": "text/plain"}}
                    """.formatted(target.url("/"), secret);
            try (FaultlineServer server = start(Map.of())) {
                HttpResponse<String> created = call("POST", "/api/v1/monitors", monitor);
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                assertThat(created.body()).doesNotContain("abcdefghijkl");
                assertThat(json(created).at("/spec/headers/Authorization").asText()).isEqualTo("****9876");
                assertThat(json(created).at("/spec/headers/Accept").asText()).isEqualTo("text/plain");
                assertThat(rawMonitorRows()).contains("private").doesNotContain("abcdefghijkl").doesNotContain("text/plain");

                HttpResponse<String> replaced = call("PUT", "/api/v1/monitors/private", monitor.replace(secret, "****9876"));
                assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
            }
            try (FaultlineServer again = start(Map.of())) {
                int before = target.hits();
                await().atMost(Duration.ofSeconds(10)).until(() -> target.hits() > before);
                assertThat(target.lastRequestHeaders()).containsEntry("Authorization", secret);
            }
        }
    }

    private FaultlineServer start(Map<String, String> environment) {
        String yaml = """
                server: { port: 0, data_dir: "%s", api_tokens: [{ name: test, token: "test-token-0123456789abcdef", role: admin }] }
                channels:
                  - { name: pager, type: webhook, url: "http://127.0.0.1:9/hook?token=abcdef", severities: [critical] }
                """.formatted(dir.resolve("data"));
        FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "channels.yaml")).config();
        FaultlineServer server = FaultlineServer.start(config, Optional.empty(), environment, Clock.systemUTC());
        port = server.port();
        return server;
    }

    private String rawChannelRows() throws Exception {
        return raw("SELECT name, type, severities, settings, sealed_secrets FROM api_channels");
    }

    private String rawMonitorRows() throws Exception {
        return raw("SELECT id, definition FROM monitors");
    }

    private String raw(String sql) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/faultline.db"));
             ResultSet rows = c.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) all.append(rows.getString(i)).append('|');
            }
        }
        return all.toString();
    }

    /** Every API call of this test goes through here. */
    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return http.send(ServerApiTest.authorized(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body());
    }
}
