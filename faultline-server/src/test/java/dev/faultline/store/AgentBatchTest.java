package dev.faultline.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import dev.faultline.check.PhaseTimings;
import dev.faultline.check.Verdict;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An agent's batch is stored with its id in one transaction: sent again, it is not stored again. */
class AgentBatchTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    @DatabaseTest
    void aBatchIsStoredOnceHoweverOftenItIsSent(TestDatabase db) {
        Store store = db.open();
        List<CheckResult> batch = List.of(result(0), result(1), result(2));

        assertThat(store.writeAgentBatch("0001-abc", "eu", batch, T0.plusSeconds(5))).isTrue();
        assertThat(store.writeAgentBatch("0001-abc", "eu", batch, T0.plusSeconds(9))).isFalse();
        assertThat(store.writeAgentBatch("0002-def", "eu", List.of(result(3)), T0.plusSeconds(9))).isTrue();

        assertThat(store.results().recent("api", 100, Optional.empty(), Optional.empty()).results())
                .extracting(CheckResult::startedAt)
                .containsExactly(T0.plusSeconds(3), T0.plusSeconds(2), T0.plusSeconds(1), T0);
        assertThat(store.results().latestByMonitor().get("api").startedAt()).isEqualTo(T0.plusSeconds(3));
    }

    @DatabaseTest
    void aBatchIdIsForgottenWithTheResultsOfItsTime(TestDatabase db) {
        Store store = db.open();
        Instant now = Instant.now();
        assertThat(store.writeAgentBatch("old", "eu", List.of(), now.minus(Duration.ofDays(40)))).isTrue();
        assertThat(store.writeAgentBatch("new", "eu", List.of(), now.minus(Duration.ofDays(1)))).isTrue();

        store.prune(now);

        assertThat(store.writeAgentBatch("old", "eu", List.of(), now)).isTrue(); // forgotten after the 30-day retention
        assertThat(store.writeAgentBatch("new", "eu", List.of(), now)).isFalse();
    }

    private static CheckResult result(int second) {
        return new CheckResult("api", "eu", URI.create("https://api.example.com/"), T0.plusSeconds(second),
                PhaseTimings.totalOnly(Duration.ofMillis(3)), 200, Map.of(), 2, "ab", List.of(), Verdict.of(Cause.OK),
                Optional.empty(), Optional.empty(), "");
    }
}
