package dev.faultline.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.server.FaultlineServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API tokens made in the settings page: shown once, used with Authorization: Bearer, listed with their last use, revoked. */
class ApiTokenTest {

    private static final Pattern NEW_TOKEN = Pattern.compile("id=\"new-token\">([^<]+)<");

    @TempDir
    static Path dataDir;
    static FaultlineServer server;
    static Browser admin;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.start(dataDir);
        admin = TestServers.setUp(server, "alice", "correct horse battery");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aTokenIsShownOnceWorksUntilRevokedAndThenNoMore() throws Exception {
        HttpResponse<String> created = admin.submit("/settings/tokens", "/settings/tokens", Map.of("name", "deploy bot", "role", "admin"));
        assertThat(created.statusCode()).isEqualTo(200);
        String token = token(created.body());
        assertThat(token).matches("fl_[A-Za-z0-9_-]{43}");

        HttpResponse<String> list = admin.get("/settings/tokens");
        assertThat(list.body()).doesNotContain(token);
        assertThat(lastUsed(list.body(), "deploy bot")).isEqualTo("never");

        assertThat(api("GET", "/api/v1/monitors", token).statusCode()).isEqualTo(200);
        HttpResponse<String> write = api("POST", "/api/v1/monitors", token);
        assertThat(write.statusCode()).as("an admin token writes: the empty body is the handler's 422").isEqualTo(422);
        assertThat(lastUsed(admin.get("/settings/tokens").body(), "deploy bot")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC");

        Matcher revoke = Pattern.compile("action=\"(/settings/tokens/\\d+/revoke)\">\\s*<input[^>]*>\\s*<button[^>]*aria-label=\"Revoke deploy bot\"")
                .matcher(list.body());
        assertThat(revoke.find()).isTrue();
        HttpResponse<String> revoked = admin.submit("/settings/tokens", revoke.group(1), Map.of());
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.body()).contains("Revoked").doesNotContain("deploy bot");

        HttpResponse<String> after = api("GET", "/api/v1/monitors", token);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
    }

    @Test
    void aViewerTokenReadsButDoesNotWrite() throws Exception {
        String token = token(admin.submit("/settings/tokens", "/settings/tokens", Map.of("name", "dashboard tv", "role", "viewer")).body());

        assertThat(api("GET", "/api/v1/monitors", token).statusCode()).isEqualTo(200);
        HttpResponse<String> write = api("DELETE", "/api/v1/monitors/anything", token);
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(write.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(write.body()).contains("viewer");
        assertThat(api("GET", "/settings/tokens", token).statusCode()).as("viewers see no tokens").isEqualTo(403);
    }

    @Test
    void tokenNamesAreUniqueAndConfigTokensAreListedButNotRevocable() throws Exception {
        admin.submit("/settings/tokens", "/settings/tokens", Map.of("name", "twice", "role", "viewer"));
        HttpResponse<String> again = admin.submit("/settings/tokens", "/settings/tokens", Map.of("name", "twice", "role", "viewer"));
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).contains("a token named", "twice", "exists already").doesNotContain("id=\"new-token\"");
        assertThat(admin.submit("/settings/tokens", "/settings/tokens", Map.of("name", "ci", "role", "viewer")).body())
                .contains("is a token of the config file");

        String page = admin.get("/settings/tokens").body();
        assertThat(page).contains("ci", "grafana", "config file").doesNotContain(TestServers.ADMIN_TOKEN, TestServers.VIEWER_TOKEN);
    }

    @Test
    void aTokenThatDiffersOnlyInCaseIsRefusedOnAReusedConnection() throws Exception {
        HttpClient one = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // Jetty's header cache would hand the second request the first one's value: the server turns that off.
        assertThat(send(one, "/api/v1/monitors", TestServers.ADMIN_TOKEN.toUpperCase()).statusCode()).isEqualTo(401);
        assertThat(send(one, "/api/v1/monitors", TestServers.ADMIN_TOKEN).statusCode()).isEqualTo(200);
        assertThat(send(one, "/api/v1/monitors", TestServers.ADMIN_TOKEN.toUpperCase()).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenNamedWithMarkupIsShownAsText() throws Exception {
        HttpResponse<String> created = admin.submit("/settings/tokens", "/settings/tokens",
                Map.of("name", "<script>alert(1)</script>", "role", "viewer"));

        assertThat(created.body()).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    private static String lastUsed(String page, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "</td><td>[a-z]+</td><td>made by [^<]+</td><td>[^<]+</td><td>([^<]*)</td>")
                .matcher(page);
        assertThat(m.find()).as(name + " is listed").isTrue();
        return m.group(1);
    }

    private static String token(String page) {
        Matcher m = NEW_TOKEN.matcher(page);
        assertThat(m.find()).as("the new token is on the page").isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> api(String method, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(HttpClient client, String path, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }
}
