package dev.faultline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NginxServerTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void closedUpstreamGivesARealBadGateway() throws Exception {
        try (var nginx = NginxServer.badGateway()) {
            var response = get(nginx, "/");

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("Server")).hasValueSatisfying(s -> assertThat(s).startsWith("nginx"));
        }
    }

    @Test
    void hungUpstreamGivesARealGatewayTimeoutAfterAboutASecond() throws Exception {
        try (var upstream = HostileServer.acceptsAndHangs(); var nginx = NginxServer.gatewayTimeout(upstream)) {
            long start = System.nanoTime();
            var response = get(nginx, "/slow");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(response.statusCode()).isEqualTo(504);
            // nginx's own 1 s timer, plus what a loaded machine may add: the floor is the point.
            assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(6));
            assertThat(upstream.hits()).isEqualTo(1);
        }
    }

    @Test
    void maintenanceAnswers503WithRetryAfter() throws Exception {
        try (var nginx = NginxServer.maintenance(120)) {
            var response = get(nginx, "/");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("120");
        }
    }

    @Test
    void cachingProxyServesStaleOkWhileTheOriginFails() throws Exception {
        try (var origin = HostileServer.status(200, Map.of(), "fresh");
                var cdn = NginxServer.cachingProxy(origin.url("/"))) {
            var first = get(cdn, "/page");
            assertThat(first.body()).isEqualTo("fresh");
            assertThat(first.headers().firstValue("X-Cache-Status")).hasValue("MISS");
            assertThat(get(cdn, "/page").headers().firstValue("X-Cache-Status")).hasValue("HIT");

            origin.switchToStatus(503, Map.of(), "origin down");
            Thread.sleep(Duration.ofMillis(3100)); // 2 s validity, counted in whole seconds

            var stale = get(cdn, "/page");
            assertThat(stale.statusCode()).isEqualTo(200);
            assertThat(stale.body()).isEqualTo("fresh");
            assertThat(stale.headers().firstValue("X-Cache-Status")).hasValue("STALE");
            var neverCached = get(cdn, "/other");
            assertThat(neverCached.statusCode()).isEqualTo(503);
            assertThat(neverCached.body()).isEqualTo("origin down");
        }
    }

    @Test
    void customConfigurationGetsThePortAndAClearErrorWhenInvalid() throws Exception {
        try (var nginx = NginxServer.start("server { listen 127.0.0.1:${PORT}; return 200 \"hi\"; }")) {
            assertThat(get(nginx, "/").body()).isEqualTo("hi");
        }
        assertThatThrownBy(() -> NginxServer.start("server { listen 127.0.0.1:${PORT}; nonsense; }"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown directive \"nonsense\"");
    }

    @Test
    void closeStopsNginxAndItsWorkers() throws Exception {
        var nginx = NginxServer.maintenance(1);
        long master = Long.parseLong(Files.readString(nginx.prefix().resolve("nginx.pid")).trim());
        var workers = ProcessHandle.of(master).orElseThrow().children().toList();
        assertThat(workers).isNotEmpty();

        nginx.close();

        assertThat(ProcessHandle.of(master)).isEmpty();
        assertThat(workers).noneMatch(ProcessHandle::isAlive);
        assertThat(nginx.prefix()).doesNotExist();
    }

    private HttpResponse<String> get(NginxServer nginx, String path) throws Exception {
        var request = HttpRequest.newBuilder(nginx.url(path)).timeout(Duration.ofSeconds(5)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
