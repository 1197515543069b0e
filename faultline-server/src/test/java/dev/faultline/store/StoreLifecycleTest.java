package dev.faultline.store;

import static dev.faultline.store.SampleResults.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.store.StoreSettings.WriterSettings;
import java.time.Duration;

class StoreLifecycleTest {

    @DatabaseTest
    void closeWritesEveryResultStillQueued(TestDatabase db) {
        // Batches wait up to a minute to fill: only close can have written them.
        Store store = db.open(s -> s.withWriter(new WriterSettings(100_000, Duration.ofMinutes(1), 10_000, Duration.ofSeconds(1))));
        for (int i = 0; i < 5_000; i++) {
            store.writer().submit(SampleResults.up("m" + i % 50, NOW.plusMillis(i), Duration.ofMillis(5)));
        }
        assertThat(db.count("results")).isZero();

        store.close();

        assertThat(db.count("results")).isEqualTo(5_000);
        assertThat(db.count("latest_results")).isEqualTo(50);
        assertThat(db.number("SELECT SUM(checks) FROM rollup_hour")).isEqualTo(5_000);
    }

    @DatabaseTest
    void reopeningKeepsTheDataAndMigratesNothingTwice(TestDatabase db) {
        Store first = db.open();
        first.writer().submit(SampleResults.full("api", NOW));
        first.monitors().insert(MonitorRepositoryTest.simple("api", "https://api.example.com/"));
        first.close();

        Store second = db.open();

        assertThat(second.results().latest("api")).contains(SampleResults.full("api", NOW));
        assertThat(second.monitors().find("api")).isPresent();
        // Every migration is recorded once: as many rows as distinct versions, however often the store opens.
        assertThat(db.number("SELECT COUNT(*) FROM flyway_schema_history WHERE version IS NOT NULL"))
                .isEqualTo(db.number("SELECT COUNT(DISTINCT version) FROM flyway_schema_history WHERE version IS NOT NULL"))
                .isGreaterThanOrEqualTo(3);
    }

    @DatabaseTest
    void aClosedWriterRefusesResults(TestDatabase db) {
        Store store = db.open();
        store.close();

        assertThatThrownBy(() -> store.writer().submit(SampleResults.up("api", NOW, Duration.ofMillis(5))))
                .isInstanceOf(IllegalStateException.class).hasMessage("the result writer is closed");
        assertThatThrownBy(() -> store.writer().flush()).isInstanceOf(IllegalStateException.class);
        store.close(); // twice is harmless
    }

    @DatabaseTest
    void flushReturnsOnceEverythingBeforeItIsReadable(TestDatabase db) {
        Store store = db.open(s -> s.withWriter(new WriterSettings(1_000, Duration.ofMinutes(1), 10_000, Duration.ofSeconds(1))));
        for (int i = 0; i < 2_500; i++) {
            store.writer().submit(SampleResults.up("api", NOW.plusMillis(i), Duration.ofMillis(5)));
        }

        store.writer().flush();

        assertThat(db.count("results")).isEqualTo(2_500);
        assertThat(store.writer().written()).isEqualTo(2_500);
        assertThat(store.writer().dropped()).isZero();
    }
}
