package dev.faultline.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.server.FaultlineServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing in and out over HTTP, as a browser does it: the session cookie and its flags, failures
 * that do not say whether the user exists, the rate limit, and where a sign-in leads.
 * Rate-limit tests send from their own loopback addresses so that they lock out nobody else.
 */
class SignInTest {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path dataDir;
    static FaultlineServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.start(dataDir);
        Browser admin = TestServers.setUp(server, "alice", PASSWORD);
        TestServers.addUser(admin, "bob", "viewer", "bobs password");
        TestServers.addUser(admin, "carol", "viewer", "carols password");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aSignInSetsAnHttpOnlySameSiteSessionCookieAndLeadsToTheAskedPage() throws Exception {
        Browser browser = new Browser(server.port());
        HttpResponse<String> form = browser.get("/login?next=%2Fsettings%2Fusers");
        assertThat(form.body()).contains("id=\"username\"", "id=\"password\"", "id=\"sign-in\"", "value=\"/settings/users\"");

        HttpResponse<String> answer = browser.submit("/login?next=%2Fsettings%2Fusers", "/login",
                Map.of("username", "Alice", "password", PASSWORD, "next", "/settings/users"));

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location")).contains("/settings/users");
        String cookie = sessionCookie(answer);
        assertThat(cookie).contains("; Path=/", "; HttpOnly", "; SameSite=Lax", "; Max-Age=604800").doesNotContain("Secure");
        assertThat(cookie.substring("faultline_session=".length(), cookie.indexOf(';'))).matches("[A-Za-z0-9_-]{43}");
        assertThat(browser.get("/settings/users").statusCode()).isEqualTo(200);
    }

    @Test
    void behindAnHttpsProxyTheCookieIsSecure() throws Exception {
        Browser browser = new Browser(server.port());
        browser.get("/login");
        String csrf = browser.cookie("faultline_signin").orElseThrow();
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(browser.base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&username=alice&password=correct+horse+battery")));

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(sessionCookie(answer)).contains("; Secure", "; HttpOnly", "; SameSite=Lax");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() throws Exception {
        Browser browser = new Browser(server.port(), "127.0.0.21");
        HttpResponse<String> wrong = browser.signIn("alice", "not the password");
        HttpResponse<String> unknown = browser.signIn("nobody", "not the password");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("Wrong user name or password.");
        assertThat(unknown.body().replace("nobody", "alice")).isEqualTo(wrong.body().replace(csrfOf(wrong), csrfOf(unknown)));
        assertThat(browser.cookie("faultline_session")).isEmpty();
    }

    @Test
    void fiveFailuresFromOneAddressLockItOutEvenWithTheRightPassword() throws Exception {
        Browser browser = new Browser(server.port(), "127.0.0.22");
        for (int i = 0; i < 5; i++) {
            assertThat(browser.signIn("guess" + i, "wrong password").statusCode()).isEqualTo(401);
        }

        HttpResponse<String> locked = browser.signIn("alice", PASSWORD);

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 300L);
        assertThat(locked.body()).contains("Too many failed sign-ins");
        assertThat(new Browser(server.port(), "127.0.0.23").signIn("alice", PASSWORD).statusCode())
                .as("another address is not locked out").isEqualTo(303);
    }

    @Test
    void fiveFailuresForOneUserLockThatUserOutFromEveryAddress() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(new Browser(server.port(), "127.0.0." + (30 + i)).signIn("carol", "wrong password").statusCode()).isEqualTo(401);
        }

        HttpResponse<String> locked = new Browser(server.port(), "127.0.0.40").signIn("carol", "carols password");

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(new Browser(server.port(), "127.0.0.40").signIn("bob", "bobs password").statusCode()).isEqualTo(303);
    }

    @Test
    void signingOutEndsTheSessionOnTheServerToo() throws Exception {
        Browser other = new Browser(server.port());
        other.signIn("alice", PASSWORD);
        Browser browser = new Browser(server.port());
        browser.signIn("alice", PASSWORD);
        String session = browser.cookie("faultline_session").orElseThrow();

        assertThat(browser.post("/logout", Map.of()).statusCode()).as("no CSRF token").isEqualTo(403);
        HttpResponse<String> loggedOut = browser.submit("/settings/users", "/logout", Map.of());

        assertThat(loggedOut.statusCode()).isEqualTo(303);
        assertThat(loggedOut.headers().firstValue("Location")).contains("/login");
        assertThat(sessionCookie(loggedOut)).startsWith("faultline_session=;").contains("Max-Age=0");
        // The old cookie, replayed, signs nobody in.
        HttpResponse<String> replay = new Browser(server.port()).send(HttpRequest.newBuilder(URI.create(browser.base() + "/settings/users"))
                .header("Cookie", "faultline_session=" + session));
        assertThat(replay.statusCode()).isEqualTo(303);
        assertThat(other.get("/settings/users").statusCode()).as("another browser's session goes on").isEqualTo(200);
    }

    @Test
    void anonymousPagesRedirectToSignInAndOnlyLocalNextPathsAreFollowed() throws Exception {
        Browser browser = new Browser(server.port());
        HttpResponse<String> redirected = browser.get("/settings/users?tab=1");
        assertThat(redirected.statusCode()).isEqualTo(303);
        assertThat(redirected.headers().firstValue("Location")).contains("/login?next=%2Fsettings%2Fusers%3Ftab%3D1");

        for (String next : List.of("//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)")) {
            Browser b = new Browser(server.port());
            HttpResponse<String> answer = b.submit("/login", "/login", Map.of("username", "bob", "password", "bobs password", "next", next));
            assertThat(answer.headers().firstValue("Location")).as(next).contains("/");
        }
    }

    private static String csrfOf(HttpResponse<String> page) {
        return Browser.csrf(page.body()).orElseThrow();
    }

    private static String sessionCookie(HttpResponse<String> answer) {
        return answer.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("faultline_session=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + answer.headers()));
    }
}
