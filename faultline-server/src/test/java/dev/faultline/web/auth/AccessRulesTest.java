package dev.faultline.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.config.ApiTokenConfig;
import dev.faultline.store.Store;
import dev.faultline.store.StoreSettings;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules themselves: what the issue says is public, signed-in or admin-only, and that no rule means no entry. */
class AccessRulesTest {

    private static final AccessRules RULES = AccessRules.standard(false);

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "/healthz, PUBLIC",
            "/status, PUBLIC",
            "/status/acme, PUBLIC",
            "/assets/app.js, PUBLIC",
            "/api/v1/agent/assignments, PUBLIC",
            "/login, SIGN_IN",
            "/setup/abc, SIGN_IN",
            "/logout, OWN_SESSION",
            "/settings/users, ADMIN",
            "/settings/tokens/3/revoke, ADMIN",
            "/metrics, SIGNED_IN",
            "/api/v1/monitors, SIGNED_IN",
            "/api/v1/agents, SIGNED_IN", // not the agents' own prefix: a prefix ends at a segment
            "/api/v1/openapi.json, SIGNED_IN",
            "/, SIGNED_IN",
            "/overview/list, SIGNED_IN",
            "/monitors/api, SIGNED_IN",
            "/manage/monitors/api/delete, SIGNED_IN",
            "/incidents/7, SIGNED_IN",
            "/api/v1/monitors/, SIGNED_IN",
    })
    void eachPathHasTheAccessTheIssueGivesIt(String path, Access access) {
        assertThat(RULES.accessFor(path)).contains(access);
    }

    @ParameterizedTest
    @CsvSource({"/statusx", "/healthz/more", "/reports", "/settingsx", "/loginx", "/favicon.ico"})
    void aPathNoRuleCoversHasNoAccess(String path) {
        assertThat(RULES.accessFor(path)).isEmpty();
    }

    @Test
    void metricsArePublicOnlyWhenConfigured() {
        assertThat(AccessRules.standard(true).accessFor("/metrics")).contains(Access.PUBLIC);
        assertThat(AccessRules.standard(false).accessFor("/metrics")).contains(Access.SIGNED_IN);
    }

    @Test
    void onlyGetHeadAndOptionsAreReads() {
        assertThat(List.of("GET", "HEAD", "OPTIONS")).noneMatch(AccessRules::writes);
        assertThat(List.of("POST", "PUT", "PATCH", "DELETE")).allMatch(AccessRules::writes);
    }

    @Test
    void aRouteWithoutARuleIsDeniedEvenToAnAdminAndACoveredOneGetsThePrincipal(@TempDir Path dir) throws Exception {
        String token = "admin-token-0123456789abcdef";
        try (Store store = Store.open(StoreSettings.sqlite(dir))) {
            Clock clock = Clock.systemUTC();
            AccessFilter filter = new AccessFilter(RULES, new Sessions(store.sessions(), clock),
                    new ApiTokens(store.apiTokens(), () -> List.of(new ApiTokenConfig("ci", token, Role.ADMIN)), clock), new Templates());
            Javalin app = Javalin.create(config -> {
                config.routes.beforeMatched(filter);
                config.routes.get("/api/v1/monitors", ctx -> ctx.result("covered by " + Principal.of(ctx).orElseThrow()
                        + ", csrf '" + Csrf.token(ctx) + "'"));
                config.routes.get("/reports", ctx -> ctx.result("added later, without a rule"));
            }).start("127.0.0.1", 0);
            try {
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> covered = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/monitors"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> uncovered = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/reports"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(covered.body()).as("the filter hands the pages the principal; a token needs no CSRF token")
                        .isEqualTo("covered by Principal[name=ci, role=ADMIN], csrf ''");
                assertThat(uncovered.statusCode()).isEqualTo(403);
                assertThat(uncovered.body()).contains("no access rule").doesNotContain("added later");
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void signInOnlyFollowsPathsOnThisSite() {
        assertThat(SignInPages.next("/monitors/api?range=7d")).isEqualTo("/monitors/api?range=7d");
        for (String bad : new String[] {null, "", "//evil.example", "/\\evil.example", "https://evil.example", "javascript:x", "/a\nb"}) {
            assertThat(SignInPages.next(bad)).as(String.valueOf(bad)).isEqualTo("/");
        }
        assertThat(Optional.of(SignInPages.next("/"))).contains("/");
    }
}
