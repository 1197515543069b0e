package dev.faultline.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.server.FaultlineServer;
import dev.faultline.testing.HostileServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A status page's groups name monitors of the file and monitors created through the API, looked
 * up at each view: one created later shows with its state, one deleted drops back to "not
 * monitored", and a name that matches nothing renders as neither up nor down. Read signed out.
 */
class StatusPageMonitorsTest {

    private static final String TOKEN = "test-token-0123456789abcdef";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aGroupShowsAnApiMonitorWithItsStateFromItsCreationUntilItsDeletion() throws Exception {
        try (HostileServer failing = HostileServer.status(503, Map.of(), "overloaded");
             HostileServer healthy = HostileServer.status(200, Map.of(), "ok")) {
            String yaml = """
                    server: { port: 0, data_dir: "%s", api_tokens: [{ name: test, token: "%s", role: admin }] }
                    defaults: { interval: 1s, timeout: 1s }
                    monitors:
                      - { name: Home page, url: "%s" }
                    status_pages:
                      - slug: public
                        title: Example Shop status
                        groups:
                          - { name: Shop, monitors: [Home page, Billing API, Ghost] }
                    """.formatted(dataDir, TOKEN, healthy.url("/"));
            FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "status.yaml")).config();
            try (FaultlineServer server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC())) {
                URI base = URI.create("http://127.0.0.1:" + server.port());
                await().atMost(Duration.ofSeconds(10)).until(() -> state(page(base), "Home page").equals("up Operational"));
                String before = page(base);
                assertThat(state(before, "Billing API")).isEqualTo("pending Not monitored");
                assertThat(state(before, "Ghost")).isEqualTo("pending Not monitored");
                assertThat(before).contains("All systems operational");

                HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/monitors"))
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"Billing API\", \"url\": \"" + failing.url("/bill") + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

                // No restart: the next view finds it, and its incident once the engine opens it.
                await().atMost(Duration.ofSeconds(30)).until(() -> state(page(base), "Billing API").equals("down Outage"));
                String down = page(base);
                assertThat(down).contains("1 service has an outage", "Ongoing incidents");
                assertThat(state(down, "Ghost")).isEqualTo("pending Not monitored");
                // Without show_details nothing internal leaves: no URL, cause or diagnosis.
                assertThat(down).doesNotContain(failing.url("/bill").toString(), "127.0.0.1", "service_unavailable", "overloaded",
                        "cannot serve");

                HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/monitors/billing-api"))
                        .header("Authorization", "Bearer " + TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
                String after = page(base);
                assertThat(state(after, "Billing API")).isEqualTo("pending Not monitored");
                assertThat(after).contains("All systems operational").doesNotContain("Ongoing incidents");
            }
        }
    }

    /** The page as anyone sees it: no token, no session. */
    private String page(URI base) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/status/public")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** "class text" of the state pill next to this monitor name, as the page renders it. */
    private static String state(String html, String name) {
        Matcher m = Pattern.compile("<span>" + Pattern.quote(name) + "</span><span class=\"pill ([a-z]+)\">([^<]+)</span>").matcher(html);
        assertThat(m.find()).as("'%s' on the page", name).isTrue();
        return m.group(1) + " " + m.group(2);
    }
}
