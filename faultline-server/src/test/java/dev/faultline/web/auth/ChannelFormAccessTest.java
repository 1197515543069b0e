package dev.faultline.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.config.ChannelConfig;
import dev.faultline.server.FaultlineServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The channel forms over plain HTTP with a real session: only an admin changes channels, and only
 * with the session's CSRF token; a viewer sees the list without controls and is refused even with
 * a valid token; a refused edit changes nothing and sends no credential back.
 */
class ChannelFormAccessTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String HOOK = "http://127.0.0.1:9/hook?token=stored-token-0042";

    @TempDir
    static Path dataDir;
    static FaultlineServer server;
    static Browser admin;
    static Browser viewer;

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.start(dataDir);
        admin = TestServers.setUp(server, "alice", PASSWORD);
        TestServers.addUser(admin, "bob", "viewer", "bobs password");
        viewer = new Browser(server.port());
        viewer.signIn("bob", "bobs password");
        HttpResponse<String> created = admin.submit("/manage/channels/new?type=webhook", "/manage/channels",
                webhook("ops", HOOK, "critical"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aViewerSeesTheChannelsWithoutControlsAndIsRefusedEvenWithAValidCsrfToken() throws Exception {
        HttpResponse<String> list = viewer.get("/manage/channels");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("data-channel=\"ops\"")
                .doesNotContain("Add channel", "Send test", "/manage/channels/ops/edit", "/manage/channels/ops/delete");
        String csrf = Browser.csrf(list.body()).orElseThrow(); // the sign-out form's: the session's own token

        assertThat(viewer.post("/manage/channels", withCsrf(webhook("sneaky", HOOK, "critical"), csrf)).statusCode()).isEqualTo(403);
        assertThat(viewer.post("/manage/channels/ops/edit", withCsrf(Map.of("url", HOOK, "severities", "info"), csrf)).statusCode())
                .isEqualTo(403);
        assertThat(viewer.post("/manage/channels/ops/delete", withCsrf(Map.of(), csrf)).statusCode()).isEqualTo(403);
        assertThat(viewer.post("/manage/channels/ops/test", withCsrf(Map.of(), csrf)).statusCode()).isEqualTo(403);

        assertThat(server.channels().find("sneaky")).isEmpty();
        assertThat(server.channels().find("ops")).get().extracting(e -> e.config().severities().toString()).isEqualTo("[CRITICAL]");
    }

    @Test
    void anAdminsFormWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        assertThat(admin.post("/manage/channels", webhook("forged", HOOK, "critical")).statusCode()).isEqualTo(403);
        assertThat(admin.post("/manage/channels", withCsrf(webhook("forged", HOOK, "critical"), "A".repeat(43))).statusCode())
                .isEqualTo(403);
        assertThat(admin.post("/manage/channels/ops/delete", Map.of()).statusCode()).isEqualTo(403);
        assertThat(server.channels().find("forged")).isEmpty();
        assertThat(server.channels().find("ops")).isPresent();
    }

    @Test
    void aRefusedEditChangesNothingAndDoesNotSendTheNewCredentialBack() throws Exception {
        ChannelConfig before = server.channels().find("ops").orElseThrow().config();
        String newHook = "http://127.0.0.1:9/other?token=brand-new-secret-77";
        HttpResponse<String> refused = admin.submit("/manage/channels/ops/edit", "/manage/channels/ops/edit",
                Map.of("url", newHook, "secret", "a-new-signing-secret", "severities", "loud"));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"e-severities\"", "unknown severity 'loud'")
                .doesNotContain("brand-new-secret-77", "a-new-signing-secret", "stored-token-0042")
                .contains("value=\"****0042\""); // the stored URL's mask: sending it back keeps the stored one
        assertThat(server.channels().find("ops").orElseThrow().config()).isEqualTo(before);

        // No channel of that name: nothing to edit.
        assertThat(admin.submit("/manage/channels/new?type=webhook", "/manage/channels/nothing/edit", Map.of()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aNameThatIsNotAPathSegmentStillReachesItsPages() throws Exception {
        HttpResponse<String> created = admin.submit("/manage/channels/new?type=webhook", "/manage/channels",
                webhook("night shift #2/b", HOOK, "warning"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);

        HttpResponse<String> edit = admin.get("/manage/channels/night%20shift%20%232%2Fb/edit");
        assertThat(edit.statusCode()).isEqualTo(200);
        assertThat(edit.body()).contains("Edit night shift #2/b");
        assertThat(admin.submit("/manage/channels", "/manage/channels/night%20shift%20%232%2Fb/delete", Map.of()).statusCode())
                .isEqualTo(303);
        assertThat(server.channels().find("night shift #2/b")).isEmpty();
    }

    private static Map<String, String> webhook(String name, String url, String severity) {
        return Map.of("type", "webhook", "name", name, "url", url, "severities", severity);
    }

    private static Map<String, String> withCsrf(Map<String, String> fields, String csrf) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put(Csrf.FIELD, csrf);
        return all;
    }
}
