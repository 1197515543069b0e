package dev.faultline.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.faultline.json.AgentWire.Assignment;
import dev.faultline.json.AgentWire.Receipt;
import dev.faultline.json.AgentWire.ResultBatch;
import dev.faultline.json.Json;
import dev.faultline.json.MonitorJson;
import dev.faultline.testing.HostileServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's uploads outlive a refusal that may pass and a failing buffer: no batch is dropped for a 404, no thread dies of a disk error. */
class AgentUploadFailuresTest {

    private static final ObjectMapper mapper = Json.mapper();

    @TempDir
    Path dir;

    private HostileServer target;
    private HttpServer server;
    private final AtomicInteger refuseNext = new AtomicInteger();
    private final AtomicInteger refusalStatus = new AtomicInteger(404);
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws IOException {
        target = HostileServer.status(200, Map.of(), "ok");
        MonitorJson monitor = new MonitorJson("api", "api", target.url("/").toString(), null, null, null, "1s", "1s", null,
                null, null, null, null, null, null, List.of("eu"), null, null, null);
        Assignment assignment = new Assignment(7, List.of(monitor), List.of(), List.of());
        Files.write(dir.resolve("assignment.json"), mapper.writeValueAsBytes(assignment));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/agent/eu/assignments", exchange -> {
            try {
                Thread.sleep(500); // a long poll, shortened: nothing changes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, mapper.writeValueAsBytes(assignment));
        });
        server.createContext("/api/v1/agent/eu/results", exchange -> {
            ResultBatch batch = mapper.readValue(exchange.getRequestBody().readAllBytes(), ResultBatch.class);
            if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                refused.add(batch.batch());
                answer(exchange, refusalStatus.get(), "<html>Not Found</html>".getBytes());
                return;
            }
            accepted.add(batch.batch());
            answer(exchange, 200, mapper.writeValueAsBytes(new Receipt(batch.batch(), batch.results().size(), 0, false)));
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        target.close();
    }

    @Test
    void aBatchRefusedWithA404Or429IsSentAgainNotDropped() throws Exception {
        refuseNext.set(2);
        try (ProbeAgent agent = ProbeAgent.start(settings(), Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> refused.size() >= 1 && !accepted.isEmpty());
            refusalStatus.set(429);
            refuseNext.set(1);
            int before = refused.size();
            await().atMost(Duration.ofSeconds(20)).until(() -> refused.size() > before && accepted.containsAll(refused));
        }
        assertThat(accepted).containsAll(refused);
    }

    @Test
    void aBatchTheServerCallsBadIsDroppedAndTheNextOnesGoOn() throws Exception {
        refusalStatus.set(422);
        refuseNext.set(1);
        try (ProbeAgent agent = ProbeAgent.start(settings(), Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> refused.size() == 1 && accepted.size() >= 2);
        }
        assertThat(accepted).doesNotContainAnyElementsOf(refused);
    }

    @Test
    void aBufferFailingToSealDoesNotStopTheUploads() throws Exception {
        try (ProbeAgent agent = ProbeAgent.start(settings(), Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !accepted.isEmpty());
            // The open segment vanishes under the buffer (a disk fault): sealing it throws.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(this::deleteOpenSegment);
            int before = accepted.size();
            await().atMost(Duration.ofSeconds(20)).until(() -> accepted.size() > before + 1);
        }
    }

    private boolean deleteOpenSegment() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".open")).toList()) {
                if (Files.deleteIfExists(file)) return true;
            }
        }
        return false;
    }

    private AgentSettings settings() {
        return new AgentSettings(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "eu", "token", dir, 1 << 20,
                Duration.ofMillis(300));
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "text/html");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
