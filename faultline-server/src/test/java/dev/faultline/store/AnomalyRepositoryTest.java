package dev.faultline.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Severity;
import dev.faultline.trend.Anomaly;
import dev.faultline.trend.Share;
import dev.faultline.trend.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

class AnomalyRepositoryTest {

    static final Instant T = Instant.parse("2026-11-20T12:00:00Z");

    @DatabaseTest
    void keepsEveryFieldAndAtMostOneOpenAnomalyPerMonitorRegionAndKind(TestDatabase db) {
        Store store = db.open();
        Anomaly finding = finding(Anomaly.Kind.AUTH_SPIKE, Severity.WARNING);

        AnomalyRecord opened = store.inTransaction(h -> store.anomalies().open(h, "api", "API", "eu", finding, T)).orElseThrow();
        Optional<AnomalyRecord> twice = store.inTransaction(h -> store.anomalies().open(h, "api", "API", "eu", finding, T));

        assertThat(twice).isEmpty();
        assertThat(store.anomalies().open("api")).containsExactly(opened);
        assertThat(opened).isEqualTo(new AnomalyRecord(opened.id(), "api", "API", "eu", finding, T, T, Optional.empty()));
        // Another region or kind is another anomaly.
        Optional<AnomalyRecord> allRegions = store.inTransaction(h -> store.anomalies().open(h, "api", "API", "all", finding, T));
        Optional<AnomalyRecord> otherKind = store.inTransaction(h -> store.anomalies().open(h, "api", "API", "eu",
                finding(Anomaly.Kind.RATE_LIMITED, Severity.INFO), T));
        assertThat(allRegions).isPresent();
        assertThat(otherKind).isPresent();

        // Resolved, it can open again.
        store.inTransaction(h -> {
            store.anomalies().resolve(h, opened.id(), T.plusSeconds(60));
            return null;
        });
        Optional<AnomalyRecord> reopened = store.inTransaction(h -> store.anomalies().open(h, "api", "API", "eu", finding,
                T.plusSeconds(120)));
        assertThat(reopened).isPresent();
        assertThat(db.count("anomalies")).isEqualTo(4);
    }

    @DatabaseTest
    void seenUpdatesTheFiguresAndLastSeenButNotTheSeverity(TestDatabase db) {
        Store store = db.open();
        AnomalyRecord opened = store.inTransaction(h -> store.anomalies().open(h, "api", "API", "all",
                finding(Anomaly.Kind.RISING_NOT_FOUND, Severity.WARNING), T)).orElseThrow();
        TimeWindow later = TimeWindow.ending(T.plusSeconds(60), Duration.ofHours(24));
        Anomaly again = new Anomaly(Anomaly.Kind.RISING_NOT_FOUND, Severity.WARNING, later, new Share(150, 1441),
                later.before(Duration.ofDays(7)), new Share(1, 10080), "404 on 150 of 1441", List.of("moved"), "Follow it.");

        store.inTransaction(h -> {
            store.anomalies().seen(h, opened.id(), again, T.plusSeconds(60));
            return null;
        });

        AnomalyRecord now = store.anomalies().open().getFirst();
        assertThat(now.lastSeenAt()).isEqualTo(T.plusSeconds(60));
        assertThat(now.openedAt()).isEqualTo(T);
        assertThat(now.finding().current()).isEqualTo(new Share(150, 1441));
        assertThat(now.finding().window()).isEqualTo(later);
        assertThat(now.finding().summary()).isEqualTo("404 on 150 of 1441");
    }

    @DatabaseTest
    void listsNewestFirstByMonitorStateAndSeverityInPages(TestDatabase db) {
        Store store = db.open();
        AnomalyRecord a = open(store, "api", Anomaly.Kind.AUTH_SPIKE, Severity.WARNING, T);
        AnomalyRecord b = open(store, "web", Anomaly.Kind.RATE_LIMITED, Severity.INFO, T.plusSeconds(60));
        AnomalyRecord c = open(store, "api", Anomaly.Kind.RATE_LIMITED, Severity.INFO, T.plusSeconds(120));
        store.inTransaction(h -> {
            store.anomalies().resolve(h, c.id(), T.plusSeconds(180));
            return null;
        });
        AnomalyRepository repo = store.anomalies();

        assertThat(ids(repo.recent(10))).containsExactly(c.id(), b.id(), a.id());
        assertThat(ids(repo.list(filter(Optional.of("api"), false, Optional.empty(), 10, Optional.empty()))))
                .containsExactly(c.id(), a.id());
        assertThat(ids(repo.list(filter(Optional.empty(), true, Optional.empty(), 10, Optional.empty()))))
                .containsExactly(b.id(), a.id());
        assertThat(ids(repo.list(filter(Optional.empty(), false, Optional.of(Severity.INFO), 10, Optional.empty()))))
                .containsExactly(c.id(), b.id());
        assertThat(ids(repo.list(filter(Optional.empty(), false, Optional.empty(), 2, Optional.empty())))).containsExactly(c.id(), b.id());
        assertThat(ids(repo.list(filter(Optional.empty(), false, Optional.empty(), 2,
                Optional.of(AnomalyRepository.Position.of(b)))))).containsExactly(a.id());
        // Newest by opening, whatever order they were stored in.
        AnomalyRecord older = open(store, "old", Anomaly.Kind.AUTH_SPIKE, Severity.WARNING, T.minusSeconds(3600));
        assertThat(ids(repo.recent(10))).containsExactly(c.id(), b.id(), a.id(), older.id());
        assertThat(AnomalyRepository.Position.parse(AnomalyRepository.Position.of(older).cursor()))
                .contains(AnomalyRepository.Position.of(older));
        assertThat(ids(repo.open("api"))).containsExactly(a.id());
        // Open at some moment of the span: a (open), b (open), c (resolved within it); none after c's end counts it.
        assertThat(ids(repo.openDuring(T.plusSeconds(150), T.plusSeconds(200)))).containsExactly(older.id(), a.id(), b.id(), c.id());
        assertThat(ids(repo.openDuring(T.plusSeconds(190), T.plusSeconds(200)))).containsExactly(older.id(), a.id(), b.id());
    }

    private static AnomalyRepository.Filter filter(Optional<String> monitor, boolean open, Optional<Severity> severity, int limit,
                                                   Optional<AnomalyRepository.Position> before) {
        return new AnomalyRepository.Filter(monitor, open, severity, limit, before);
    }

    private static AnomalyRecord open(Store store, String monitor, Anomaly.Kind kind, Severity severity, Instant at) {
        return store.inTransaction(h -> store.anomalies().open(h, monitor, monitor, "all", finding(kind, severity), at)).orElseThrow();
    }

    private static List<Long> ids(List<AnomalyRecord> records) {
        return records.stream().map(AnomalyRecord::id).toList();
    }

    static Anomaly finding(Anomaly.Kind kind, Severity severity) {
        TimeWindow hour = TimeWindow.ending(T, Duration.ofHours(1));
        return new Anomaly(kind, severity, hour, new Share(20, 60), hour.before(Duration.ofDays(7)), new Share(0, 10080),
                "403 on 20 of 60 checks (33.3%) in the last 1 h, against 0 of 10080 (0%) in the 7 d before",
                List.of("a key was rotated", "a WAF rule"), "Check the monitor's credentials.");
    }
}
