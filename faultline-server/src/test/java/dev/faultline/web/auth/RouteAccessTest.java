package dev.faultline.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.server.FaultlineServer;
import dev.faultline.web.WebServer.Route;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route the server registers, read from the router itself, against every kind of caller:
 * anonymous, a bad bearer token, a viewer and an admin (by token and by session), with and
 * without the CSRF token. A route added later is covered here without touching this test; one
 * without an access rule fails it.
 */
class RouteAccessTest {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path dataDir;
    static FaultlineServer server;
    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static final AccessRules rules = AccessRules.standard(false);
    static Browser admin;
    static String adminCsrf;
    static Browser viewer;
    static String viewerCsrf;

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.start(dataDir);
        admin = TestServers.setUp(server, "alice", PASSWORD);
        TestServers.addUser(admin, "bob", "viewer", "bobs password");
        adminCsrf = Browser.csrf(admin.get("/settings/users").body()).orElseThrow();
        viewer = new Browser(server.port());
        viewer.signIn("bob", "bobs password");
        // A viewer's refusal page still carries the session's token (in its sign-out form).
        viewerCsrf = Browser.csrf(viewer.get("/settings/users").body()).orElseThrow();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The routes that no rule covers: each is denied to everyone, and is a mistake. */
    static List<Route> uncovered(AccessRules rules, List<Route> routes) {
        return routes.stream().filter(r -> rules.accessFor(r.path()).isEmpty()).toList();
    }

    @Test
    void everyRegisteredRouteHasAnAccessRule() {
        assertThat(server.routes()).hasSizeGreaterThan(25)
                .contains(new Route("GET", "/api/v1/monitors"), new Route("POST", "/login"), new Route("GET", "/settings/tokens"));
        assertThat(uncovered(rules, server.routes())).isEmpty();
    }

    @Test
    void onlyTheRoutesTheIssueNamesArePublic() {
        List<Route> open = server.routes().stream().filter(r -> rules.accessFor(r.path()).orElseThrow() == Access.PUBLIC).toList();

        assertThat(open).isNotEmpty().allSatisfy(route -> assertThat(route.path())
                .matches("/healthz|/metrics|/status(/.*)?|/assets/.*|/api/v1/agent/.*"));
    }

    @Test
    void aRouteAddedWithoutARuleIsCaught() {
        List<Route> withNew = new ArrayList<>(server.routes());
        withNew.add(new Route("GET", "/reports/{id}"));

        assertThat(uncovered(rules, withNew)).containsExactly(new Route("GET", "/reports/{id}"));
    }

    @TestFactory
    Stream<DynamicTest> eachRouteAnswersEachCallerAsItsRuleSays() {
        return server.routes().stream().map(route -> DynamicTest.dynamicTest(route.method() + " " + route.path(), () -> check(route)));
    }

    private static void check(Route route) throws Exception {
        String path = route.path().replaceAll("\\{[^}]+}", "x");
        Access access = rules.accessFor(route.path()).orElseThrow(() -> new AssertionError(route + " has no access rule"));
        boolean writes = AccessRules.writes(route.method());
        boolean api = path.startsWith("/api/");
        switch (access) {
            case PUBLIC -> {
                HttpResponse<String> anonymous = anonymous(route.method(), path);
                if (path.startsWith("/api/v1/agent/")) {
                    // Past the filter, the agents' handler asks for its own token: its refusal names it.
                    assertThat(anonymous.statusCode()).isEqualTo(401);
                    assertThat(anonymous.body()).contains("agent token");
                } else {
                    allowed(anonymous);
                }
            }
            case SIGN_IN -> {
                HttpResponse<String> anonymous = anonymous(route.method(), path);
                if (writes) assertThat(anonymous.statusCode()).as("a sign-in form without its token").isEqualTo(403);
                else assertThat(anonymous.statusCode()).isIn(200, 404);
            }
            case SIGNED_IN, OWN_SESSION, ADMIN -> {
                HttpResponse<String> anonymous = anonymous(route.method(), path);
                if (api) {
                    assertThat(anonymous.statusCode()).isEqualTo(401);
                    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");
                    assertThat(anonymous.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                } else {
                    assertThat(anonymous.statusCode()).isEqualTo(303);
                    assertThat(anonymous.headers().firstValue("Location").orElse("")).startsWith("/login?next=");
                }
                assertThat(bearer(route.method(), path, "fl_not-a-real-token").statusCode()).as("bad bearer").isEqualTo(401);
                assertThat(bearer(route.method(), path, TestServers.ADMIN_TOKEN.toUpperCase()).statusCode()).isEqualTo(401);
                signedIn(route, path, access, writes);
            }
        }
    }

    private static void signedIn(Route route, String path, Access access, boolean writes) throws Exception {
        String method = route.method();
        boolean viewerMay = access == Access.OWN_SESSION || access == Access.SIGNED_IN && !writes;
        // By token: no CSRF token needed.
        if (access != Access.OWN_SESSION) {
            HttpResponse<String> viewerToken = bearer(method, path, TestServers.VIEWER_TOKEN);
            if (viewerMay) allowed(viewerToken); else assertThat(viewerToken.statusCode()).as("viewer token").isEqualTo(403);
            allowed(bearer(method, path, TestServers.ADMIN_TOKEN));
        }
        // By session: a write needs the session's CSRF token, then the role decides.
        Browser viewerSession = access == Access.OWN_SESSION ? fresh("bob", "bobs password") : viewer;
        Browser adminSession = access == Access.OWN_SESSION ? fresh("alice", PASSWORD) : admin;
        if (writes) {
            assertThat(session(viewerSession, method, path, null).statusCode()).as("viewer, no CSRF token").isEqualTo(403);
            assertThat(session(adminSession, method, path, null).statusCode()).as("admin, no CSRF token").isEqualTo(403);
            assertThat(session(adminSession, method, path, "A".repeat(43)).statusCode()).as("admin, wrong CSRF token").isEqualTo(403);
        }
        HttpResponse<String> byViewer = session(viewerSession, method, path, csrfOf(viewerSession));
        if (viewerMay) allowed(byViewer); else assertThat(byViewer.statusCode()).as("viewer session").isEqualTo(403);
        allowed(session(adminSession, method, path, csrfOf(adminSession)));
    }

    private static Browser fresh(String user, String password) throws Exception {
        Browser browser = new Browser(server.port());
        assertThat(browser.signIn(user, password).statusCode()).isEqualTo(303);
        return browser;
    }

    private static String csrfOf(Browser browser) throws Exception {
        if (browser == admin) return adminCsrf;
        if (browser == viewer) return viewerCsrf;
        return Browser.csrf(browser.get("/settings/users").body()).orElseThrow();
    }

    /** Let through: the route's own handler answered (a 404 for the placeholder id is the handler's, not a refusal). */
    private static void allowed(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.request().method() + " " + answer.request().uri() + ": " + answer.body())
                .isNotIn(401, 403);
        assertThat(answer.headers().firstValue("Location").orElse("")).doesNotStartWith("/login?next=");
    }

    private static HttpResponse<String> anonymous(String method, String path) throws Exception {
        return http.send(request(method, path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> bearer(String method, String path, String token) throws Exception {
        return http.send(request(method, path).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> session(Browser browser, String method, String path, String csrf) throws Exception {
        HttpRequest.Builder request = request(method, path);
        if (csrf != null) request.header(Csrf.HEADER, csrf);
        return browser.send(request);
    }

    private static HttpRequest.Builder request(String method, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
    }
}
