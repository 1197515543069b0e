package dev.faultline.regions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import dev.faultline.check.MonitorSpec;
import dev.faultline.check.PhaseTimings;
import dev.faultline.check.Verdict;
import dev.faultline.json.AgentWire.Receipt;
import dev.faultline.monitor.Monitor;
import dev.faultline.store.DatabaseTest;
import dev.faultline.store.Store;
import dev.faultline.store.TestDatabase;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A stored batch reaches the pipeline whole: one result failing there does not keep the others from the incident engine. */
class AgentResultsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @DatabaseTest
    void aPoisonResultDoesNotStopTheRestOfTheBatch(TestDatabase db) {
        Store store = db.open();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        AgentDesk desk = new AgentDesk(List.of("eu"), List.of(), clock);
        desk.replaceMonitors(List.of(monitor("api"), monitor("shop"), monitor("blog")));
        List<String> delivered = new ArrayList<>();
        AgentResults results = new AgentResults(store, desk, result -> {
            if (result.monitor().equals("shop")) throw new IllegalStateException("database is locked");
            delivered.add(result.monitor());
        }, clock);

        Receipt receipt = results.take("eu", "batch-1", List.of(result("api"), result("shop"), result("blog")));

        assertThat(receipt.accepted()).isEqualTo(3);
        assertThat(delivered).containsExactly("api", "blog");
    }

    private static Monitor monitor(String id) {
        return new Monitor(id, MonitorSpec.builder(URI.create("https://" + id + ".example.com/")).name(id).build(),
                List.of("eu"), List.of(), List.of(), Monitor.Source.CONFIG);
    }

    private static CheckResult result(String monitor) {
        return new CheckResult(monitor, "eu", URI.create("https://" + monitor + ".example.com/"), NOW,
                PhaseTimings.totalOnly(Duration.ofMillis(3)), 200, Map.of(), 2, "ok", List.of(), Verdict.of(Cause.OK),
                Optional.empty(), Optional.empty(), "");
    }
}
