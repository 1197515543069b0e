package dev.faultline.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.server.FaultlineServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin's users page: adding, changing roles and removing take effect on live sessions at once; the last admin stays. */
class UsersPageTest {

    @TempDir
    static Path dataDir;
    static FaultlineServer server;
    static Browser admin;

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
    void aRoleChangeAndARemovalApplyToTheUsersOpenSession() throws Exception {
        TestServers.addUser(admin, "dave", "viewer", "daves password");
        Browser dave = new Browser(server.port());
        dave.signIn("dave", "daves password");
        HttpResponse<String> refused = dave.get("/settings/users");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("'dave' is a viewer and may not see this page", "id=\"sign-out\"");

        HttpResponse<String> promoted = admin.submit("/settings/users", "/settings/users/dave/role", Map.of("role", "admin"));
        assertThat(promoted.statusCode()).isEqualTo(200);
        assertThat(promoted.body()).contains("dave is now admin.");
        assertThat(dave.get("/settings/users").statusCode()).isEqualTo(200);

        assertThat(admin.submit("/settings/users", "/settings/users/dave/remove", Map.of()).body()).contains("Removed dave.");
        HttpResponse<String> gone = dave.get("/settings/users");
        assertThat(gone.statusCode()).isEqualTo(303);
        assertThat(gone.headers().firstValue("Location").orElse("")).startsWith("/login");
        assertThat(new Browser(server.port()).signIn("dave", "daves password").statusCode()).isEqualTo(401);
    }

    @Test
    void theLastAdminCanNeitherBeDemotedNorRemoved() throws Exception {
        HttpResponse<String> demote = admin.submit("/settings/users", "/settings/users/alice/role", Map.of("role", "viewer"));
        HttpResponse<String> remove = admin.submit("/settings/users", "/settings/users/alice/remove", Map.of());

        assertThat(demote.statusCode()).isEqualTo(409);
        assertThat(demote.body()).contains("only admin");
        assertThat(remove.statusCode()).isEqualTo(409);
        assertThat(admin.get("/settings/users").statusCode()).isEqualTo(200);
    }

    @Test
    void badInputIsShownBesideEachFieldAndAddsNobody() throws Exception {
        HttpResponse<String> answer = admin.submit("/settings/users", "/settings/users",
                Map.of("username", "<b>x</b>", "role", "owner", "password", "short", "password_confirm", "short"));

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body())
                .contains("<p class=\"error\" id=\"username-error\">use 1 to 64 letters")
                .contains("<p class=\"error\" id=\"password-error\">use at least 8 characters")
                .contains("<p class=\"error\" id=\"role-error\">unknown role")
                .contains("value=\"&lt;b>x&lt;/b>\"")
                .doesNotContain("<b>x</b>");
        TestServers.addUser(admin, "erin", "viewer", "erins password");
        HttpResponse<String> twice = admin.submit("/settings/users", "/settings/users",
                Map.of("username", "ERIN", "role", "viewer", "password", "erins password", "password_confirm", "erins password"));
        assertThat(twice.statusCode()).isEqualTo(422);
        assertThat(twice.body()).contains("exists already");
    }
}
