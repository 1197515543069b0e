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

/**
 * The maintenance page's forms over plain HTTP with a real session: a window whose name is no
 * path segment is deleted through the address its form gives, which the server decodes back to
 * the name; deleting it again (from a stale tab) says so on the page rather than in JSON.
 */
class MaintenanceFormTest {

    private static final String NAME = "db/cache upgrade? #2 – Größe 100%";
    private static final String ENCODED = "db%2Fcache%20upgrade%3F%20%232%20%E2%80%93%20Gr%C3%B6%C3%9Fe%20100%25";

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
    void aWindowWhoseNameIsNoPathSegmentIsDeletedThroughItsFormsAddressAndOnlyOnce() throws Exception {
        HttpResponse<String> added = admin.submit("/manage/maintenance", "/manage/maintenance", Map.of("name", NAME, "tags", "db",
                "start", "2030-03-01T02:00:00Z", "end", "2030-03-01T03:00:00Z"));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(303);
        HttpResponse<String> page = admin.get("/manage/maintenance");
        String action = "/manage/maintenance/" + ENCODED + "/delete";
        assertThat(page.body()).contains("action=\"" + action + "\"");

        HttpResponse<String> deleted = admin.submit("/manage/maintenance", action, Map.of());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(303);
        assertThat(admin.get("/manage/maintenance").body()).contains("No maintenance windows.");

        HttpResponse<String> again = admin.submit("/manage/maintenance", action, Map.of());
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(again.body()).contains("id=\"delete-refused\"", "no maintenance window named '" + NAME + "'");
    }
}
