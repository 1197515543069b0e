package dev.faultline.anomaly;

import dev.faultline.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.alert.AlertRouting;
import dev.faultline.alert.EventKind;
import dev.faultline.alert.Notification;
import dev.faultline.alert.Channel;
import dev.faultline.alert.Channels;
import dev.faultline.alert.Receiver;
import dev.faultline.alert.outbox.AlertNotifier;
import dev.faultline.alert.outbox.DispatchSettings;
import dev.faultline.alert.outbox.OutboxDispatcher;
import dev.faultline.check.Cause;
import dev.faultline.check.MonitorSpec;
import dev.faultline.check.Severity;
import dev.faultline.check.StatusSet;
import dev.faultline.config.ChannelConfig;
import dev.faultline.config.ChannelType;
import dev.faultline.config.TrendSettings;
import dev.faultline.maintenance.MaintenanceCalendar;
import dev.faultline.maintenance.MaintenanceWindow;
import dev.faultline.maintenance.WindowTimes;
import dev.faultline.metrics.TrendGauges;
import dev.faultline.monitor.Monitor;
import dev.faultline.store.AnomalyRecord;
import dev.faultline.store.DatabaseTest;
import dev.faultline.store.Store;
import dev.faultline.store.StoredAlert;
import dev.faultline.store.TestDatabase;
import dev.faultline.trend.Anomaly;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;

/**
 * The evaluator over stored rollups, on SQLite and PostgreSQL, with its warnings delivered for real
 * to a local webhook receiver ("team" takes warnings; "pager" takes critical alerts only).
 */
class AnomalyEvaluatorTest {

    // Half past noon: the hour splits the series into hour and minute rollups mid-way.
    static final Instant NOW = Instant.parse("2026-11-20T12:30:00Z");
    static final Instant WEEK_AGO = NOW.minus(Duration.ofDays(8));
    static final Instant DAY_AGO = NOW.minus(Duration.ofDays(1));
    static final Instant HOUR_AGO = NOW.minus(Duration.ofHours(1));

    private final Receiver team = Receiver.answering(200, "ok");
    private final Receiver pager = Receiver.answering(200, "ok");
    private final ManualClock clock = new ManualClock(NOW);
    private final TrendGauges gauges = new TrendGauges();
    private final AtomicReference<MaintenanceCalendar> calendar = new AtomicReference<>(MaintenanceCalendar.EMPTY);
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<Monitor> monitors = new CopyOnWriteArrayList<>(List.of(monitor("api")));

    private Store store;
    private AlertNotifier notifier;
    private AnomalyEvaluator evaluator;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing.reversed()) c.close();
        team.close();
        pager.close();
    }

    @DatabaseTest
    void aRising404RateOpensOneWarningAnomalyAndOneWarningAlertToTheWarningChannelOnly(TestDatabase db) throws Exception {
        start(db);
        healthyWeekThen(db, "api", "local", 404, 0.10, DAY_AGO);

        AnomalyEvaluator.Pass pass = evaluator.evaluate();

        assertThat(pass.opened()).isEqualTo(1);
        AnomalyRecord anomaly = onlyOpen();
        assertThat(anomaly.kind()).isEqualTo(Anomaly.Kind.RISING_NOT_FOUND);
        assertThat(anomaly.finding().severity()).isEqualTo(Severity.WARNING);
        assertThat(anomaly.region()).isEqualTo(AnomalyRecord.ALL_REGIONS);
        assertThat(anomaly.monitorName()).isEqualTo("api");
        assertThat(anomaly.finding().summary()).startsWith("More checks find nothing at the URL: 404 on ")
                .contains("in the last 24 h, against ");
        assertThat(anomaly.finding().current().fraction()).isBetween(0.099, 0.101);
        assertThat(anomaly.finding().nextStep()).contains("redirects");
        assertThat(anomaly.openedAt()).isEqualTo(NOW);

        Receiver.Received alert = awaitOneAlert(team);
        assertThat(alert.json().path("event").asText()).isEqualTo("warning");
        assertThat(alert.json().path("severity").asText()).isEqualTo("warning");
        assertThat(alert.json().path("cause").asText()).isEqualTo("not_found");
        assertThat(alert.json().path("status").asInt()).isEqualTo(404);
        assertThat(alert.json().path("diagnosis").path("summary").asText()).isEqualTo(anomaly.finding().summary());
        assertThat(alert.json().path("dedup_key").asText()).isEqualTo("faultline/api/anomaly-" + anomaly.id());
        assertThat(pager.received()).isEmpty();
        assertThat(db.count("incidents")).isZero();

        // Seen again a minute later: the same anomaly, nothing sent again.
        clock.advance(Duration.ofMinutes(1));
        AnomalyEvaluator.Pass again = evaluator.evaluate();
        assertThat(again.opened()).isZero();
        assertThat(again.seen()).isEqualTo(1);
        assertThat(onlyOpen().id()).isEqualTo(anomaly.id());
        assertThat(onlyOpen().lastSeenAt()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
        assertThat(store.outbox().list(Optional.empty(), 100, Optional.empty())).hasSize(1);
        assertThat(db.count("anomalies")).isEqualTo(1);
        assertThat(db.count("incidents")).isZero();
    }

    @DatabaseTest
    void aSuddenSpikeOf403IsAnAuthSpikeWarningNamingTheCode(TestDatabase db) throws Exception {
        start(db);
        healthyWeekThen(db, "api", "local", 403, 0.30, HOUR_AGO);

        evaluator.evaluate();

        AnomalyRecord anomaly = onlyOpen();
        assertThat(anomaly.kind()).isEqualTo(Anomaly.Kind.AUTH_SPIKE);
        assertThat(anomaly.finding().summary()).contains("403 on 20 of 60 checks (33.3%) in the last 1 h");
        Receiver.Received alert = awaitOneAlert(team);
        assertThat(alert.json().path("cause").asText()).isEqualTo("forbidden");
        assertThat(alert.json().path("diagnosis").path("next_step").asText()).contains("credentials");
        assertThat(pager.received()).isEmpty();
    }

    @DatabaseTest
    void sustained429IsAnInfoAnomalyThatIsStoredButNeverSent(TestDatabase db) throws Exception {
        start(db);
        healthyWeekThen(db, "api", "local", 429, 0.25, HOUR_AGO);

        evaluator.evaluate();

        AnomalyRecord anomaly = onlyOpen();
        assertThat(anomaly.kind()).isEqualTo(Anomaly.Kind.RATE_LIMITED);
        assertThat(anomaly.finding().severity()).isEqualTo(Severity.INFO);
        assertThat(store.outbox().list(Optional.empty(), 100, Optional.empty())).isEmpty();
        assertThat(team.received()).isEmpty();
    }

    @DatabaseTest
    void brief5xxThatKeepComingBackAreInstabilityAnnouncedAsSuch(TestDatabase db) throws Exception {
        start(db);
        RollupRows rows = new RollupRows(NOW).everyMinute("api", "local", WEEK_AGO, NOW, 200);
        // Three blips of three minutes each in the last day, hours apart: 502, 502 and 503.
        for (int hoursAgo : new int[] {20, 9, 3}) {
            for (int minute = 0; minute < 3; minute++) {
                rows.add("api", "local", NOW.minus(Duration.ofHours(hoursAgo)).plusSeconds(60L * minute), hoursAgo == 3 ? 503 : 502);
            }
        }
        rows.writeTo(db.sql());

        evaluator.evaluate();

        AnomalyRecord anomaly = onlyOpen();
        assertThat(anomaly.kind()).isEqualTo(Anomaly.Kind.FREQUENT_SERVER_ERRORS);
        assertThat(anomaly.kind().id()).isEqualTo("instability");
        assertThat(anomaly.finding().summary()).contains("in 3 separate episodes");
        Receiver.Received alert = awaitOneAlert(team);
        assertThat(alert.json().path("event").asText()).isEqualTo("instability");
        assertThat(alert.json().path("cause").asText()).isEqualTo("bad_gateway");
        assertThat(pager.received()).isEmpty();
        assertThat(db.count("incidents")).isZero();
    }

    @DatabaseTest
    void instabilityTheIncidentEngineAlreadyAnnouncedIsStoredButNotAnnouncedAgain(TestDatabase db) throws Exception {
        start(db);
        threeBurstsOf5xx(db);
        // The incident engine warned of the blips three hours ago, as AlertingNotifications enqueues it.
        clock.set(NOW.minus(Duration.ofHours(3)));
        notifier.notify(engineInstability("api", clock.instant()), List.of());
        clock.set(NOW);

        evaluator.evaluate();

        AnomalyRecord anomaly = onlyOpen();
        assertThat(anomaly.kind()).isEqualTo(Anomaly.Kind.FREQUENT_SERVER_ERRORS);
        Receiver.Received alert = awaitOneAlert(team);
        assertThat(alert.json().path("event").asText()).isEqualTo("instability");
        assertThat(alert.json().path("dedup_key").asText()).startsWith("faultline/api/instability/");
        assertThat(store.outbox().list(Optional.empty(), 100, Optional.empty())).hasSize(1);
        assertThat(pager.received()).isEmpty();
    }

    @DatabaseTest
    void anEngineWarningOlderThanTheWindowJudgedDoesNotSilenceTheAnomaly(TestDatabase db) throws Exception {
        start(db);
        threeBurstsOf5xx(db);
        // Two days ago: before the 24 h the detector judged, so that warning was about another burst.
        clock.set(NOW.minus(Duration.ofDays(2)));
        notifier.notify(engineInstability("api", clock.instant()), List.of());
        clock.set(NOW);
        // Another monitor's instability in the window does not count either.
        notifier.notify(engineInstability("web", NOW.minus(Duration.ofHours(1))), List.of());

        evaluator.evaluate();

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (team.received().size() < 3 && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(team.received()).extracting(r -> r.json().path("dedup_key").asText())
                .contains("faultline/api/anomaly-" + onlyOpen().id()).hasSize(3);
    }

    private static void threeBurstsOf5xx(TestDatabase db) throws Exception {
        RollupRows rows = new RollupRows(NOW).everyMinute("api", "local", WEEK_AGO, NOW, 200);
        for (int hoursAgo : new int[] {20, 9, 3}) {
            for (int minute = 0; minute < 3; minute++) {
                rows.add("api", "local", NOW.minus(Duration.ofHours(hoursAgo)).plusSeconds(60L * minute), 502);
            }
        }
        rows.writeTo(db.sql());
    }

    private static Notification engineInstability(String monitorId, Instant at) {
        return new Notification(EventKind.INSTABILITY, monitorId, monitorId, URI.create("https://" + monitorId + ".example.com/"),
                Severity.WARNING, Cause.ofUnexpectedStatus(502), 502, Optional.empty(),
                "Unstable: brief failures keep coming back (blips); an outage may be brewing", "Look at the monitor's recent results.",
                List.of(), Optional.empty(), "faultline/" + monitorId + "/instability/" + at.toEpochMilli(), at, Optional.empty(),
                URI.create("http://127.0.0.1:8080/api/v1/monitors/" + monitorId));
    }

    @DatabaseTest
    void anAnomalyResolvesOnceTheSeriesIsHealthyAgainForTheClearingTime(TestDatabase db) throws Exception {
        start(db);
        healthyWeekThen(db, "api", "local", 404, 0.10, DAY_AGO);
        evaluator.evaluate();
        long id = onlyOpen().id();

        // The next day is healthy: by its end the 404s are out of the window judged.
        clock.set(NOW.plus(Duration.ofDays(1)));
        new RollupRows(clock.instant()).everyMinute("api", "local", NOW, clock.instant(), 200).writeTo(db.sql());
        AnomalyEvaluator.Pass pass = evaluator.evaluate();

        assertThat(pass.resolved()).isEqualTo(1);
        assertThat(store.anomalies().open()).isEmpty();
        AnomalyRecord resolved = store.anomalies().recent(10).getFirst();
        assertThat(resolved.id()).isEqualTo(id);
        assertThat(resolved.resolvedAt()).contains(clock.instant());
        assertThat(awaitOneAlert(team)).isNotNull(); // the opening's alert, and no other
    }

    @DatabaseTest
    void aFindingGoneForLessThanTheClearingTimeStaysOneAnomaly(TestDatabase db) throws Exception {
        start(db, new TrendSettings(TrendSettings.DEFAULT.thresholds(), Map.of(), Set.of(), Duration.ofHours(3)));
        healthyWeekThen(db, "api", "local", 403, 0.30, HOUR_AGO);
        evaluator.evaluate();
        long id = onlyOpen().id();

        // Two healthy hours later the spike is out of the hour judged, but it was seen too recently to be cleared.
        clock.advance(Duration.ofHours(2));
        new RollupRows(clock.instant()).everyMinute("api", "local", NOW, clock.instant(), 200).writeTo(db.sql());
        AnomalyEvaluator.Pass pass = evaluator.evaluate();
        assertThat(pass.resolved()).isZero();
        assertThat(onlyOpen().id()).isEqualTo(id);
        assertThat(onlyOpen().lastSeenAt()).isEqualTo(NOW);

        // An hour more, and it has been gone for the whole clearing time.
        clock.advance(Duration.ofHours(1));
        new RollupRows(clock.instant()).everyMinute("api", "local", NOW.plus(Duration.ofHours(2)), clock.instant(), 200)
                .writeTo(db.sql());
        assertThat(evaluator.evaluate().resolved()).isEqualTo(1);
        assertThat(store.anomalies().open()).isEmpty();
        assertThat(db.count("anomalies")).isEqualTo(1);
    }

    @DatabaseTest
    void aRestartKeepsOneAnomalyAndSendsNothingTwice(TestDatabase db) throws Exception {
        start(db);
        healthyWeekThen(db, "api", "local", 404, 0.10, DAY_AGO);
        evaluator.evaluate();
        long id = onlyOpen().id();
        awaitOneAlert(team);

        // A new store and evaluator on the same database, as after a restart.
        start(db);
        clock.advance(Duration.ofMinutes(1));
        AnomalyEvaluator.Pass pass = evaluator.evaluate();

        assertThat(pass.opened()).isZero();
        assertThat(onlyOpen().id()).isEqualTo(id);
        assertThat(db.count("anomalies")).isEqualTo(1);
        assertThat(db.count("alert_outbox")).isEqualTo(1);
    }

    @DatabaseTest
    void aPatternInOneRegionOnlyIsThatRegionsAnomaly(TestDatabase db) throws Exception {
        monitors.set(0, monitor("api", "eu", "us"));
        start(db);
        healthyWeekThen(db, "api", "eu", 404, 0.08, DAY_AGO);
        new RollupRows(NOW).everyMinute("api", "us", WEEK_AGO, NOW, 200).writeTo(db.sql());

        evaluator.evaluate();

        AnomalyRecord anomaly = onlyOpen();
        assertThat(anomaly.region()).isEqualTo("eu");
        assertThat(awaitOneAlert(team).json().path("regions").get(0).asText()).isEqualTo("eu");
    }

    @DatabaseTest
    void aPatternInEveryRegionIsOneAnomalyForAllOfThem(TestDatabase db) throws Exception {
        monitors.set(0, monitor("api", "eu", "us"));
        start(db);
        healthyWeekThen(db, "api", "eu", 404, 0.10, DAY_AGO);
        healthyWeekThen(db, "api", "us", 404, 0.10, DAY_AGO);

        evaluator.evaluate();

        assertThat(onlyOpen().region()).isEqualTo(AnomalyRecord.ALL_REGIONS);
    }

    @DatabaseTest
    void aMonitorThatExpectsTheCodeHasNoAnomaly(TestDatabase db) throws Exception {
        monitors.set(0, new Monitor("api", MonitorSpec.builder(URI.create("https://api.example.com/")).name("api")
                .expect(StatusSet.parse("200-299,404")).build(), List.of("local"), List.of(), List.of(), Monitor.Source.CONFIG));
        start(db);
        healthyWeekThen(db, "api", "local", 404, 0.10, DAY_AGO);

        assertThat(evaluator.evaluate().opened()).isZero();
    }

    @DatabaseTest
    void theAnomaliesOfARemovedMonitorAreResolved(TestDatabase db) throws Exception {
        start(db);
        healthyWeekThen(db, "api", "local", 404, 0.10, DAY_AGO);
        evaluator.evaluate();

        monitors.clear();
        clock.advance(Duration.ofMinutes(1));
        evaluator.evaluate();

        assertThat(store.anomalies().open()).isEmpty();
        assertThat(store.anomalies().recent(1).getFirst().resolvedAt()).contains(clock.instant());
    }

    @DatabaseTest
    void aKindSwitchedOffOrLoweredToInfoIsNotAnnounced(TestDatabase db) throws Exception {
        TrendSettings quiet = new TrendSettings(TrendSettings.DEFAULT.thresholds(),
                Map.of(Anomaly.Kind.RISING_NOT_FOUND, Severity.INFO), Set.of(Anomaly.Kind.AUTH_SPIKE),
                TrendSettings.DEFAULT_CLEAR_AFTER);
        start(db, quiet);
        healthyWeekThen(db, "api", "local", 404, 0.10, DAY_AGO);
        healthyWeekThen(db, "other", "local", 403, 0.30, HOUR_AGO);
        monitors.add(monitor("other"));

        evaluator.evaluate();

        assertThat(onlyOpen().finding().severity()).isEqualTo(Severity.INFO);
        assertThat(store.outbox().list(Optional.empty(), 100, Optional.empty())).isEmpty();
    }

    @DatabaseTest
    void anAnomalyThatOpensDuringMaintenanceIsStoredButNotAnnounced(TestDatabase db) throws Exception {
        calendar.set(new MaintenanceCalendar(List.of(new MaintenanceWindow("deploy", Set.of("api"), Set.of(),
                new WindowTimes.Once(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(1)))))));
        start(db);
        healthyWeekThen(db, "api", "local", 403, 0.30, HOUR_AGO);

        evaluator.evaluate();

        assertThat(onlyOpen().kind()).isEqualTo(Anomaly.Kind.AUTH_SPIKE);
        assertThat(store.outbox().list(Optional.empty(), 100, Optional.empty())).isEmpty();
    }

    // A healthy week of one check a minute; from `since`, `share` of them answer `status`, evenly spread.
    @DatabaseTest
    void aMonitorWhoseStoreWriteFailsCostsTheOthersNothingAndAnAnomalyNotOpenedIsNotCounted(TestDatabase db) throws Exception {
        monitors.clear();
        monitors.addAll(List.of(monitor("boom"), monitor("quiet"), monitor("old")));
        start(db);
        for (String id : List.of("boom", "quiet", "old", "api")) healthyWeekThen(db, id, "local", 404, 0.10, DAY_AGO);
        refuseAnomalies(db);

        // "boom" throws, "quiet" has its insert skipped by the database: only "old" opens one.
        assertThat(evaluator.evaluate().opened()).isEqualTo(1);
        long old = onlyOpen().id();
        assertThat(onlyOpen().monitorId()).isEqualTo("old");

        monitors.removeIf(m -> m.id().equals("old")); // its anomaly is now an orphan, resolved at the end of the pass
        monitors.add(monitor("api"));
        clock.advance(Duration.ofMinutes(1));
        AnomalyEvaluator.Pass pass = evaluator.evaluate();

        assertThat(pass.opened()).isEqualTo(1);
        assertThat(pass.resolved()).isEqualTo(1);
        assertThat(onlyOpen().monitorId()).isEqualTo("api");
        assertThat(store.anomalies().recent(10)).filteredOn(a -> a.id() == old).singleElement()
                .satisfies(a -> assertThat(a.resolvedAt()).contains(clock.instant()));
        assertThat(store.anomalies().recent(10)).extracting(AnomalyRecord::monitorId).containsOnly("old", "api");
    }

    // "boom": every insert of its anomalies fails; "quiet": the database skips them, as when another node opened it first.
    private void refuseAnomalies(TestDatabase db) {
        store.inTransaction(handle -> {
            if (db.name().equals("sqlite")) {
                handle.execute("CREATE TRIGGER refuse_boom BEFORE INSERT ON anomalies WHEN NEW.monitor_id = 'boom'"
                        + " BEGIN SELECT RAISE(ABORT, 'disk full'); END");
                handle.execute("CREATE TRIGGER skip_quiet BEFORE INSERT ON anomalies WHEN NEW.monitor_id = 'quiet'"
                        + " BEGIN SELECT RAISE(IGNORE); END");
            } else {
                handle.execute("CREATE FUNCTION refuse_anomaly() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " IF NEW.monitor_id = 'boom' THEN RAISE EXCEPTION 'disk full'; END IF;"
                        + " IF NEW.monitor_id = 'quiet' THEN RETURN NULL; END IF; RETURN NEW; END $$");
                handle.execute("CREATE TRIGGER refuse_anomaly BEFORE INSERT ON anomalies FOR EACH ROW EXECUTE FUNCTION refuse_anomaly()");
            }
            return null;
        });
    }

    private static void healthyWeekThen(TestDatabase db, String monitor, String region, int status, double share,
                                        Instant since) {
        int every = (int) Math.round(1 / share);
        RollupRows rows = new RollupRows(NOW).everyMinute(monitor, region, WEEK_AGO, since, 200);
        rows.everyMinute(monitor, region, since, NOW, i -> i % every == every - 1 ? status : 200);
        rows.writeTo(db.sql());
    }

    private void start(TestDatabase db) {
        start(db, TrendSettings.DEFAULT);
    }

    private void start(TestDatabase db, TrendSettings settings) {
        store = db.open();
        List<Channel> channels = List.of(webhook("team", team, Set.of(Severity.WARNING)),
                webhook("pager", pager, Set.of(Severity.CRITICAL)));
        OutboxDispatcher dispatcher = new OutboxDispatcher(store.outbox(), channels, DispatchSettings.DEFAULT,
                Clock.systemUTC(), new Random(1)).start();
        closing.add(dispatcher);
        notifier = new AlertNotifier(AlertRouting.allByDefault(Map.of("team", Set.of(Severity.WARNING),
                "pager", Set.of(Severity.CRITICAL))), store, clock, dispatcher::wake);
        Collection<Monitor> live = monitors;
        evaluator = new AnomalyEvaluator(store, () -> live, settings,
                new AnomalyAlerts(notifier, clock, URI.create("http://127.0.0.1:8080"), calendar::get), gauges, clock);
    }

    private AnomalyRecord onlyOpen() {
        List<AnomalyRecord> open = store.anomalies().open();
        assertThat(open).hasSize(1);
        return open.getFirst();
    }

    /** Waits until the outbox has sent everything, then the receiver's one request. */
    private Receiver.Received awaitOneAlert(Receiver receiver) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (store.outbox().list(Optional.of(StoredAlert.State.PENDING), 1, Optional.empty()).size() > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(store.outbox().list(Optional.of(StoredAlert.State.PENDING), 1, Optional.empty())).isEmpty();
        return receiver.only();
    }

    private static Channel webhook(String name, Receiver receiver, Set<Severity> severities) {
        return Channels.create(new ChannelConfig(name, ChannelType.WEBHOOK, severities,
                Map.of("url", receiver.url("/hook").toString())), Channels.httpClient(), Clock.systemUTC());
    }

    static Monitor monitor(String name, String... regions) {
        return new Monitor(name, MonitorSpec.builder(URI.create("https://" + name + ".example.com/")).name(name).build(),
                regions.length == 0 ? List.of("local") : List.of(regions), List.of(), List.of(), Monitor.Source.CONFIG);
    }
}
