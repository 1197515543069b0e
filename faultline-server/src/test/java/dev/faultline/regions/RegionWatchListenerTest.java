package dev.faultline.regions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import dev.faultline.check.PhaseTimings;
import dev.faultline.check.Verdict;
import dev.faultline.incident.ProbeHealth;
import dev.faultline.monitor.LatestResults;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A listener that fails (its alert write hit a busy store, say) neither escapes into the result's path nor loses the change. */
class RegionWatchListenerTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void aFailingListenerDoesNotEscapeAndHearsTheChangeAgainWithTheNextResult() {
        List<String> heard = new ArrayList<>();
        int[] calls = {0};
        RegionWatch watch = new RegionWatch(ProbeHealth.Policy.DEFAULT, new LatestResults(), Clock.fixed(NOW, ZoneOffset.UTC),
                (region, reason, cause, at) -> {
                    if (calls[0]++ == 0) throw new IllegalStateException("database is locked");
                    heard.add(region + ":" + reason.map(Enum::name).orElse("healthy"));
                });

        watch.canary(canaryFailing());

        assertThat(watch.unhealthy()).containsExactly("eu");
        assertThat(heard).isEmpty();

        watch.canary(canaryFailing()); // no new change: the one not heard is offered again

        assertThat(heard).containsExactly("eu:CANARIES_FAILED");
        watch.canary(canaryFailing());
        assertThat(heard).hasSize(1);
    }

    private static CheckResult canaryFailing() {
        return new CheckResult("canary", "eu", URI.create("https://canary.example.com/"), NOW,
                PhaseTimings.totalOnly(Duration.ofMillis(3)), 0, Map.of(), 0, "", List.of(), Verdict.of(Cause.CONNECT_TIMEOUT),
                Optional.empty(), Optional.empty(), "");
    }
}
