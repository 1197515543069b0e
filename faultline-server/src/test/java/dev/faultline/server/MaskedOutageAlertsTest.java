package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.alert.AlertRouting;
import dev.faultline.alert.outbox.AlertNotifier;
import dev.faultline.cdn.CdnWatch;
import dev.faultline.check.MonitorSpec;
import dev.faultline.check.Severity;
import dev.faultline.monitor.ExpectedRevision;
import dev.faultline.monitor.LatestResults;
import dev.faultline.monitor.Monitor;
import dev.faultline.monitor.MonitorRegistry;
import dev.faultline.monitor.Revised;
import dev.faultline.monitor.RevisionWrite;
import dev.faultline.store.Store;
import dev.faultline.store.StoreSettings;
import dev.faultline.store.StoredAlert;
import dev.faultline.trend.CdnFinding;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A masked outage across a restart: the episode is kept in the alert outbox, so the restarted
 * server neither pages it a second time when it sees it again nor forgets to resolve it.
 */
class MaskedOutageAlertsTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    private static final CdnWatch.Pair PAIR = new CdnWatch.Pair("shop-edge", "shop edge", "shop-origin", "shop origin");

    @TempDir
    Path dataDir;

    @Test
    void aMaskedOutageSeenAgainAfterARestartIsNotPagedTwiceAndResolvesUnderItsFirstKey() {
        try (Store store = Store.open(StoreSettings.sqlite(dataDir))) {
            alerts(store, T0).changed(finding(T0), PAIR.edgeId(), true);

            // Restarted: the watch sees the outage afresh, with a later start.
            MaskedOutageAlerts restarted = alerts(store, T0.plusSeconds(600));
            restarted.changed(finding(T0.plusSeconds(590)), PAIR.edgeId(), true);
            restarted.changed(finding(T0.plusSeconds(590)), PAIR.edgeId(), false);

            List<StoredAlert> sent = store.outbox().list(Optional.empty(), 10, Optional.empty()).reversed();
            assertThat(sent).extracting(a -> a.notification().event().id()).containsExactly("incident.opened", "incident.resolved");
            assertThat(sent).extracting(a -> a.notification().dedupKey()).containsOnly("faultline/shop-edge/cdn-masked/"
                    + T0.toEpochMilli());
            // Down since the first sighting, before the restart.
            assertThat(sent.getLast().notification().downFor()).contains(java.time.Duration.ofSeconds(600));
        }
    }

    @Test
    void anEpisodeOpenAtShutdownIsHandedBackToTheWatchSoThatItsEndIsAnnounced() {
        try (Store store = Store.open(StoreSettings.sqlite(dataDir))) {
            alerts(store, T0).changed(finding(T0), PAIR.edgeId(), true);

            CdnWatch watch = new CdnWatch(new LatestResults(), id -> id, dev.faultline.trend.MaskedOutage.DEFAULT,
                    dev.faultline.trend.StaleCache.DEFAULT);
            alerts(store, T0.plusSeconds(60)).resumeOpenEpisodes(watch, List.of(PAIR));
            assertThat(watch.current()).extracting(CdnFinding::kind).containsExactly(CdnFinding.Kind.MASKED_OUTAGE);
            assertThat(watch.current().getFirst().at()).isEqualTo(T0);

            // Nothing of an episode that was resolved: nothing is handed back.
            alerts(store, T0.plusSeconds(70)).changed(finding(T0), PAIR.edgeId(), false);
            CdnWatch fresh = new CdnWatch(new LatestResults(), id -> id, dev.faultline.trend.MaskedOutage.DEFAULT,
                    dev.faultline.trend.StaleCache.DEFAULT);
            alerts(store, T0.plusSeconds(80)).resumeOpenEpisodes(fresh, List.of(PAIR));
            assertThat(fresh.current()).isEmpty();
        }
    }

    private static MaskedOutageAlerts alerts(Store store, Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        AlertNotifier notifier = new AlertNotifier(AlertRouting.allByDefault(Map.of("pager", Set.of(Severity.CRITICAL))), store,
                clock, () -> {});
        MonitorRegistry registry = new MonitorRegistry(new MonitorRegistry.ApiMonitorStore() {
            @Override
            public List<Revised> loadAll() {
                return List.of();
            }

            @Override
            public long insert(Monitor monitor) {
                return 1;
            }

            @Override
            public RevisionWrite update(Monitor monitor, ExpectedRevision expected) {
                return new RevisionWrite.Written(1);
            }

            @Override
            public RevisionWrite delete(String id, ExpectedRevision expected) {
                return new RevisionWrite.Written(1);
            }

            @Override
            public Set<String> loadPaused() {
                return Set.of();
            }

            @Override
            public void setPaused(String id, boolean paused) {
            }
        }, monitors -> { });
        registry.replaceConfigMonitors(List.of(new Monitor(PAIR.edgeId(),
                MonitorSpec.builder(URI.create("http://127.0.0.1:9/")).name(PAIR.edgeName()).build(), List.of("local"), List.of(),
                List.of(), Monitor.Source.CONFIG)));
        return new MaskedOutageAlerts(notifier, store, registry, new LatestResults(), clock, URI.create("http://127.0.0.1:8080"));
    }

    private static CdnFinding finding(Instant at) {
        return new CdnFinding(CdnFinding.Kind.MASKED_OUTAGE, PAIR.edgeName(), Optional.of(PAIR.originName()), at,
                "shop origin is down behind shop edge", List.of("the origin fails"), "Look at the origin");
    }
}
