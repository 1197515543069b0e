package dev.faultline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostileServerTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void hangingServerReadsTheRequestButDoesNotAnswerWithinOneSecond() {
        try (var server = HostileServer.acceptsAndHangs()) {
            var request = HttpRequest.newBuilder(server.url("/health")).timeout(Duration.ofSeconds(1)).build();

            assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(HttpTimeoutException.class);
            assertThat(server.hits()).isEqualTo(1);
            assertThat(server.lastRequest()).hasValueSatisfying(head -> assertThat(head.target()).isEqualTo("/health"));
        }
    }

    @Test
    void tricklingServerSendsAValidHeadThenTheBodyAtTheGivenRate() throws IOException {
        try (var server = HostileServer.tricklesBody(20); var socket = rawGet(server, "/")) {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: 1073741824\r\n");

            long start = System.nanoTime();
            in.readNBytes(10);
            Duration tenBytes = Duration.ofNanos(System.nanoTime() - start);

            // 2 bytes per 100 ms: never faster, and still coming however loaded the machine is.
            assertThat(tenBytes).isBetween(Duration.ofMillis(250), Duration.ofSeconds(4));
        }
    }

    @Test
    void endlessBodyKeepsComingAndTheCountStopsWhenTheClientStopsReading() throws Exception {
        try (var server = HostileServer.endlessBody()) {
            var request = HttpRequest.newBuilder(server.url("/big")).build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            long read;
            try (InputStream body = response.body()) {
                read = body.readNBytes(12 * 1024 * 1024).length;
                assertThat(read).isEqualTo(12 * 1024 * 1024);

                // The client holds the connection but reads no more: the server soon stalls, with at
                // most what the kernel lets the client's receive buffer grow to still unread.
                long stalled = awaitStall(server);
                assertThat(stalled).isGreaterThan(10L * 1024 * 1024)
                        .isLessThan(read + receiveBufferCeiling() + 1024 * 1024);
            }
        }
    }

    @Test
    void redirectWithEndlessBodyPointsAtDoneAndKeepsSending() throws Exception {
        try (var server = HostileServer.redirectsWithEndlessBody()) {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(server.url("/start")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                assertThat(response.statusCode()).isEqualTo(302);
                assertThat(response.headers().firstValue("Location")).hasValue(server.url("/done").toString());
                assertThat(body.readNBytes(4 * 1024 * 1024)).hasSize(4 * 1024 * 1024);
            }
            var done = client.send(HttpRequest.newBuilder(server.url("/done")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(done.body()).isEqualTo("done");
        }
    }

    @Test
    void garbageServerAnswersWithSomethingThatIsNotHttpAndCloses() throws IOException {
        try (var server = HostileServer.garbage(); var socket = rawGet(server, "/")) {
            byte[] answer = socket.getInputStream().readAllBytes();

            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).startsWith("SSH-2.0-OpenSSH_9.2\r\n");
            assertThat(answer.length).isGreaterThan(500);
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(server.url("/")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void selfRedirectPointsAtTheUrlJustRequested() throws Exception {
        try (var server = HostileServer.redirectsToItself()) {
            var response = client.send(HttpRequest.newBuilder(server.url("/loop?x=1")).build(),
                    HttpResponse.BodyHandlers.discarding());

            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).hasValue(server.url("/loop?x=1").toString());
        }
    }

    @Test
    void redirectChainEndsAtDoneAfterTheGivenNumberOfHops() throws Exception {
        var following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        try (var server = HostileServer.redirectChain(3)) {
            var response = following.send(HttpRequest.newBuilder(server.url("/r/1")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("done");
            assertThat(response.uri()).isEqualTo(server.url("/done"));
            assertThat(server.hits()).isEqualTo(4);
        }
    }

    @Test
    void statusServerAnswersWellFormedAndRecordsTheRequestHeaders() throws Exception {
        try (var server = HostileServer.status(429, Map.of("Retry-After", "120"), "slow down")) {
            var request = HttpRequest.newBuilder(server.url("/api")).header("User-Agent", "Faultline/test").build();

            var response = client.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("retry-after")).hasValue("120");
            assertThat(response.body()).isEqualTo("slow down");
            assertThat(server.lastRequestHeaders()).containsEntry("user-agent", "Faultline/test");
        }
    }

    @Test
    void countsConnectionsApartFromRequests() throws Exception {
        try (var server = HostileServer.status(200, Map.of(), "ok")) {
            var request = HttpRequest.newBuilder(server.url("/")).build();
            client.send(request, HttpResponse.BodyHandlers.ofString());
            client.send(request, HttpResponse.BodyHandlers.ofString()); // keep-alive: same connection
            try (var fresh = rawGet(server, "/")) {
                fresh.getInputStream().readAllBytes(); // Connection: close, so the server closes
            }

            assertThat(server.hits()).isEqualTo(3);
            assertThat(server.connections()).isEqualTo(2);
            assertThat(server.lastRequestHeaders()).containsEntry("Connection", "close");
        }
    }

    @Test
    void switchingToAnotherStatusTakesEffectOnTheNextRequest() throws Exception {
        try (var server = HostileServer.status(200, Map.of(), "ok")) {
            var request = HttpRequest.newBuilder(server.url("/")).build();
            assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            server.switchToStatus(503, Map.of(), "down");

            assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
        }
    }

    /**
     * The most a TCP receive buffer may grow to by autotuning (Linux's tcp_rmem maximum; 32 MiB
     * where that is not readable). The client's JDK buffers and the server's small send buffer
     * add well under the 1 MiB margin the caller allows.
     */
    private static long receiveBufferCeiling() {
        try {
            String[] rmem = Files.readString(Path.of("/proc/sys/net/ipv4/tcp_rmem")).trim().split("\\s+");
            return Long.parseLong(rmem[2]);
        } catch (IOException | RuntimeException e) {
            return 32L * 1024 * 1024;
        }
    }

    private static long awaitStall(HostileServer server) {
        long[] previous = {-1};
        await().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> {
            long now = server.bytesSent();
            boolean stalled = now == previous[0];
            previous[0] = now;
            return stalled;
        });
        return previous[0];
    }

    private static Socket rawGet(HostileServer server, String path) throws IOException {
        var socket = new Socket(Loopback.ADDRESS, server.port());
        socket.setSoTimeout(5000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private static String readHead(InputStream in) throws IOException {
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
