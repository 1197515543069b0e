package dev.faultline.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.server.FaultlineServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 monitors: the overview is one bounded page of rows (problems first), and each filter
 * or page is another bounded page, so no request renders the whole list.
 */
class OverviewScaleTest {

    static final int MONITORS = 10_000;
    static final Pattern ROW = Pattern.compile("data-monitor=\"");

    @TempDir
    static Path dataDir;

    static FaultlineServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        StringBuilder yaml = new StringBuilder("""
                server: { port: 0, data_dir: "%s", api_tokens: [{ name: test, token: "test-token-0123456789abcdef", role: admin }] }
                defaults: { interval: 1h, timeout: 1s }
                monitors:
                """.formatted(dataDir));
        // Nothing listens on port 9 of loopback: the few checks that fall due during the test are refused at once.
        for (int i = 0; i < MONITORS; i++) {
            yaml.append("  - { name: service-").append(i).append(", url: \"http://127.0.0.1:9/").append(i).append("\", tags: [")
                    .append(i % 10 == 0 ? "payments" : "web").append("] }\n");
        }
        FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml.toString(), "scale.yaml")).config();
        server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    /** The one place this class asks the server for a page. */
    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .header("Authorization", "Bearer test-token-0123456789abcdef").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static int rows(String html) {
        Matcher m = ROW.matcher(html);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    @Test
    void theOverviewOfTenThousandMonitorsIsOneBoundedPage() throws Exception {
        assertThat(server.monitors().size()).isEqualTo(MONITORS);
        long start = System.nanoTime();
        HttpResponse<String> first = get("/");
        System.out.printf("overview of %d monitors: %d bytes in %d ms%n", MONITORS, first.body().length(),
                (System.nanoTime() - start) / 1_000_000);

        for (int i = 0; i < 5; i++) { // warmed up: what a person refreshing the page gets
            long again = System.nanoTime();
            get("/");
            System.out.printf("overview again: %d ms%n", (System.nanoTime() - again) / 1_000_000);
        }

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(rows(first.body())).isEqualTo(Overview.PAGE_SIZE);
        assertThat(first.body().length()).isLessThan(300_000);
        assertThat(first.body()).contains("(10000 in all)", "Page 1 of 100");
    }

    @Test
    void everyPageAndFilterIsBoundedToo() throws Exception {
        HttpResponse<String> last = get("/?page=100");
        assertThat(rows(last.body())).isEqualTo(Overview.PAGE_SIZE);
        assertThat(last.body()).contains("Page 100 of 100");

        HttpResponse<String> payments = get("/overview/list?tag=payments&page=3");
        assertThat(rows(payments.body())).isEqualTo(Overview.PAGE_SIZE);
        assertThat(payments.body()).contains("of 1000 matching monitors", "Page 3 of 10", "data-monitor=\"service-");
        assertThat(payments.body()).doesNotContain("tag\">web<");

        HttpResponse<String> none = get("/overview/list?state=maintenance");
        assertThat(rows(none.body())).isZero();
    }
}
