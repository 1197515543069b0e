package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.json.Json;
import dev.faultline.testing.HostileServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * From a failing target to the people who must act: a confirmed 502 pages the critical channel
 * once and its recovery resolves it; a 404 reaches only the warning channel.
 */
class IncidentAlertsTest {

    record Received(String channel, JsonNode body, Instant at) {
    }

    @TempDir
    Path dir;

    @Test
    void aConfirmedServerFailurePagesOnceAndAClientRefusalOnlyWarns() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (String channel : List.of("pager", "chat")) {
            receiver.createContext("/" + channel, exchange -> {
                received.add(new Received(channel, Json.mapper().readTree(exchange.getRequestBody().readAllBytes()), Instant.now()));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
        }
        receiver.start();
        int port = receiver.getAddress().getPort();
        try (HostileServer api = HostileServer.status(200, Map.of(), "ok");
             HostileServer docs = HostileServer.status(200, Map.of(), "ok")) {
            String yaml = """
                    server: { port: 0, data_dir: "%s" }
                    defaults: { interval: 1s, timeout: 1s }
                    confirm: { quorum: 2, window: 30s, period: 0s, recovery: 2 }
                    channels:
                      - { name: pager, type: webhook, url: "http://127.0.0.1:%d/pager", severities: [critical] }
                      - { name: chat, type: webhook, url: "http://127.0.0.1:%d/chat", severities: [warning] }
                    monitors:
                      - { name: api, url: "%s" }
                      - { name: docs, url: "%s" }
                    """.formatted(dir, port, port, api.url("/"), docs.url("/"));
            FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "alerts.yaml")).config();
            try (FaultlineServer server = FaultlineServer.start(config, Optional.empty(), Map.of(), Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> api.hits() >= 2 && docs.hits() >= 2);

                int before = api.hits();
                Instant failing = Instant.now();
                api.switchToStatus(502, Map.of(), "bad gateway");
                docs.switchToStatus(404, Map.of(), "moved");

                await().atMost(Duration.ofSeconds(15)).until(() -> opened(received, "pager").size() == 1
                        && opened(received, "chat").size() == 1);
                Received page = opened(received, "pager").get(0);
                assertThat(page.body().at("/monitor/name").asText()).isEqualTo("api");
                assertThat(page.body().get("severity").asText()).isEqualTo("critical");
                assertThat(page.body().get("fault").asText()).isEqualTo("server");
                assertThat(page.body().get("cause").asText()).isEqualTo("bad_gateway");
                assertThat(page.body().get("regions")).extracting(JsonNode::asText).containsExactly("local");
                assertThat(page.body().get("incident_id").isNull()).isFalse();
                assertThat(page.body().at("/diagnosis/next_step").asText()).contains("application process");
                // How long it has been down, from the first failing check to the confirmation.
                assertThat(page.body().get("down_for_seconds").isNumber()).isTrue();
                Received warning = opened(received, "chat").get(0);
                assertThat(warning.body().at("/monitor/name").asText()).isEqualTo("docs");
                assertThat(warning.body().get("severity").asText()).isEqualTo("warning");
                LoggerFactory.getLogger(getClass()).info("target failing → page received: {} ms (checks at 1 s; {} before)",
                        Duration.between(failing, page.at()).toMillis(), before);

                api.switchToStatus(200, Map.of(), "ok");
                await().atMost(Duration.ofSeconds(15)).until(() -> received.stream().anyMatch(r -> r.channel().equals("pager")
                        && r.body().get("event").asText().equals("incident.resolved")));
                Received resolved = received.stream().filter(r -> r.body().get("event").asText().equals("incident.resolved")
                        && r.channel().equals("pager")).findFirst().orElseThrow();
                assertThat(resolved.body().get("dedup_key").asText()).isEqualTo(page.body().get("dedup_key").asText());
                Thread.sleep(2000);
                // Exactly once: the page went to the critical channel only, and only one time.
                assertThat(opened(received, "pager")).hasSize(1);
                assertThat(received.stream().filter(r -> r.channel().equals("chat"))
                        .map(r -> r.body().at("/monitor/name").asText())).containsOnly("docs");
            }
        } finally {
            receiver.stop(0);
        }
    }

    private static List<Received> opened(List<Received> received, String channel) {
        return received.stream().filter(r -> r.channel().equals(channel) && r.body().get("event").asText().equals("incident.opened"))
                .toList();
    }
}
