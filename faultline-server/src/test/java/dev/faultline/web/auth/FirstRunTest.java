package dev.faultline.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.server.FaultlineServer;
import dev.faultline.store.Store;
import dev.faultline.store.StoreSettings;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first start: the one-time setup link, the first admin, and what the database keeps of secrets. */
class FirstRunTest {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dataDir;

    @Test
    void theSetupLinkCreatesTheFirstAdminOnceAndIsThenGone() throws Exception {
        try (FaultlineServer server = TestServers.start(dataDir)) {
            String link = server.setupLink().orElseThrow();
            assertThat(link).matches("http://localhost:" + server.port() + "/setup/[A-Za-z0-9_-]{43}");
            String path = link.substring(link.indexOf("/setup/"));
            Browser browser = new Browser(server.port());

            assertThat(browser.get("/login").body()).as("the sign-in page points to the link").contains("id=\"setup-pending\"");
            HttpResponse<String> form = browser.get(path);
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(form.body()).contains("id=\"username\"", "id=\"password\"", "id=\"password_confirm\"", "id=\"create-admin\"");

            HttpResponse<String> mismatch = browser.submit(path, path,
                    Map.of("username", "Alice", "password", PASSWORD, "password_confirm", "something else"));
            assertThat(mismatch.statusCode()).isEqualTo(422);
            assertThat(mismatch.body()).contains("the two passwords differ");
            assertThat(server.setupLink()).isPresent();

            HttpResponse<String> created = browser.submit(path, path,
                    Map.of("username", "Alice", "password", PASSWORD, "password_confirm", PASSWORD));
            assertThat(created.statusCode()).isEqualTo(303);
            assertThat(created.headers().firstValue("Location")).contains("/");
            assertThat(browser.cookie("faultline_session")).isPresent();
            assertThat(browser.get("/settings/users").body()).contains("Signed in as <strong id=\"signed-in-as\">alice</strong>");

            assertThat(server.setupLink()).isEmpty();
            assertThat(new Browser(server.port()).get("/login").body()).doesNotContain("setup-pending");
            assertThat(browser.get(path).statusCode()).isEqualTo(404);
            Browser other = new Browser(server.port());
            assertThat(other.submit("/login", path, Map.of("username", "mallory", "password", PASSWORD, "password_confirm", PASSWORD))
                    .statusCode()).isEqualTo(404);
        }
        try (FaultlineServer again = TestServers.start(dataDir)) {
            assertThat(again.setupLink()).as("no link once an admin exists").isEmpty();
        }
    }

    @Test
    void eachStartWithoutUsersMakesANewLinkAndTheOldOneStopsWorking() throws Exception {
        String first;
        try (FaultlineServer server = TestServers.start(dataDir)) {
            first = server.setupLink().orElseThrow();
        }
        try (FaultlineServer server = TestServers.start(dataDir)) {
            String second = server.setupLink().orElseThrow();
            assertThat(second).isNotEqualTo(first);
            Browser browser = new Browser(server.port());
            assertThat(browser.get(first.substring(first.indexOf("/setup/"))).statusCode()).isEqualTo(404);
            assertThat(browser.get(second.substring(second.indexOf("/setup/"))).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theSetupFormNeedsThePreSessionTokenItWasServedWith() throws Exception {
        try (FaultlineServer server = TestServers.start(dataDir)) {
            String path = server.setupLink().map(l -> l.substring(l.indexOf("/setup/"))).orElseThrow();
            Map<String, String> fields = Map.of("username", "eve", "password", PASSWORD, "password_confirm", PASSWORD);

            // A form on another site posting here: no pre-session cookie, or a token that is not the cookie's.
            assertThat(new Browser(server.port()).post(path, fields).statusCode()).isEqualTo(403);
            Browser browser = new Browser(server.port());
            browser.get(path);
            assertThat(browser.post(path, Map.of("_csrf", "A".repeat(43), "username", "eve", "password", PASSWORD,
                    "password_confirm", PASSWORD)).statusCode()).isEqualTo(403);
            assertThat(server.setupLink()).as("nothing was created").isPresent();
        }
    }

    @Test
    void theDatabaseKeepsNeitherPasswordsNorTokensNorSessionIds() throws Exception {
        String token;
        String session;
        try (FaultlineServer server = TestServers.start(dataDir)) {
            Browser admin = TestServers.setUp(server, "alice", PASSWORD);
            session = admin.cookie("faultline_session").orElseThrow();
            HttpResponse<String> page = admin.submit("/settings/tokens", "/settings/tokens", Map.of("name", "deploy", "role", "admin"));
            Matcher m = Pattern.compile("id=\"new-token\">([^<]+)<").matcher(page.body());
            assertThat(m.find()).isTrue();
            token = m.group(1);
        }
        try (Store store = Store.open(StoreSettings.sqlite(dataDir))) {
            String hash = store.users().find("alice").orElseThrow().passwordHash();
            assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD);
            assertThat(store.apiTokens().findByHash(token)).as("the token itself is no key").isEmpty();
            assertThat(store.apiTokens().findByHash(Secrets.digest(token))).isPresent();
            assertThat(store.sessions().find(session)).isEmpty();
            assertThat(store.sessions().find(Secrets.digest(session))).isPresent();
        }
    }
}
