package dev.faultline.store;

import static dev.faultline.store.SampleResults.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

class RetentionTest {

    @DatabaseTest
    void pruneDeletesEachKindOfRowPastItsOwnRetention(TestDatabase db) {
        Store store = db.open(s -> s.withRetention(Duration.ofDays(30), Duration.ofDays(60), Duration.ofDays(400)));
        for (int daysAgo : List.of(500, 100, 45, 10)) {
            // Two results a day apart in time but in different buckets, so each age has its own rows.
            store.writer().submit(SampleResults.up("api", NOW.minus(Duration.ofDays(daysAgo)), Duration.ofMillis(5)));
            store.writer().submit(SampleResults.up("api", NOW.minus(Duration.ofDays(daysAgo)).plusSeconds(3_600), Duration.ofMillis(5)));
        }
        store.writer().submit(SampleResults.up("gone", NOW.minus(Duration.ofDays(40)), Duration.ofMillis(5)));
        store.writer().flush();

        Pruned pruned = store.prune(NOW);

        // Results older than 30 days, minute rollups older than 60, hour rollups older than 400.
        assertThat(pruned).isEqualTo(new Pruned(7, 4, 2));
        assertThat(oldestBucket(store, Resolution.MINUTE)).isEqualTo(Duration.ofDays(45));
        assertThat(oldestBucket(store, Resolution.HOUR)).isEqualTo(Duration.ofDays(100));
        assertThat(store.results().recent("api", 10, Optional.empty(), Optional.empty()).results())
                .extracting(CheckResult::startedAt)
                .containsExactly(NOW.minus(Duration.ofDays(10)).plusSeconds(3_600), NOW.minus(Duration.ofDays(10)));
        // A monitor whose every result is gone is gone from the overview too.
        assertThat(store.results().latestByMonitor()).containsOnlyKeys("api");
        assertThat(store.prune(NOW)).isEqualTo(new Pruned(0, 0, 0));
    }

    @DatabaseTest
    void pruneDeletesManySlicesOfOldResults(TestDatabase db) {
        Store store = db.open();
        for (int minute = 0; minute < 300; minute++) {
            store.writer().submit(SampleResults.up("api", NOW.minus(Duration.ofDays(31)).plusSeconds(minute * 45L),
                    Duration.ofMillis(5)));
        }
        store.writer().submit(SampleResults.up("api", NOW, Duration.ofMillis(5)));
        store.writer().flush();

        assertThat(store.prune(NOW).results()).isEqualTo(300);
        assertThat(db.count("results")).isEqualTo(1);
    }

    /** How long before now the oldest bucket left starts, to the day. */
    private static Duration oldestBucket(Store store, Resolution resolution) {
        Instant oldest = store.rollups().series("api", resolution, NOW.minus(Duration.ofDays(1_000)), NOW).get(0).start();
        return Duration.ofDays(Duration.between(oldest, NOW).toDays());
    }
}
