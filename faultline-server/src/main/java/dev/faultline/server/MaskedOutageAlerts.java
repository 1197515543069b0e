package dev.faultline.server;

import dev.faultline.alert.EventKind;
import dev.faultline.alert.Notification;
import dev.faultline.alert.outbox.AlertNotifier;
import dev.faultline.cdn.CdnWatch;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Cause;
import dev.faultline.monitor.LatestResults;
import dev.faultline.monitor.Monitor;
import dev.faultline.monitor.MonitorRegistry;
import dev.faultline.store.Store;
import dev.faultline.trend.CdnFinding;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An outage masked by a CDN pages like any other critical failure: opened when the origin fails
 * behind an edge that still answers, resolved when the pair is healthy again, both under one
 * dedup key and through the edge monitor's channels.
 *
 * <p>The episode lives in the alert outbox, not only in memory: its opening's dedup key is looked
 * up there in the transaction that writes the next alert, so an episode seen again after a restart
 * is not paged twice, and its resolution closes what was opened before the restart. An episode
 * that ended while the server was down is handed back to the {@link CdnWatch} at start
 * ({@link #resumeOpenEpisodes}), which resolves it at the pair's first healthy judgement.
 */
final class MaskedOutageAlerts {

    private static final String KEY_PART = "/cdn-masked/";

    private final AlertNotifier notifier;
    private final Store store;
    private final MonitorRegistry registry;
    private final LatestResults latest;
    private final Clock clock;
    private final URI apiBase;

    MaskedOutageAlerts(AlertNotifier notifier, Store store, MonitorRegistry registry, LatestResults latest, Clock clock,
                       URI apiBase) {
        this.notifier = notifier;
        this.store = store;
        this.registry = registry;
        this.latest = latest;
        this.clock = clock;
        this.apiBase = apiBase;
    }

    void changed(CdnFinding finding, String edgeId, boolean started) {
        if (finding.kind() != CdnFinding.Kind.MASKED_OUTAGE) return;
        Monitor edge = registry.find(edgeId).orElse(null);
        if (edge == null) return;
        Optional<CheckResult> origin = finding.origin().flatMap(name -> latest.latest(Monitor.idFor(name)));
        Cause cause = origin.map(r -> r.verdict().cause()).orElse(Cause.OTHER_5XX);
        store.inTransaction(handle -> {
            // The episode as the outbox knows it: one opened before a restart keeps its key (and its start).
            Optional<Notification> open = store.outbox().unresolvedOpenings(handle, keyPattern(edge.id())).stream().findFirst();
            Instant since = open.map(o -> startOf(o.dedupKey())).orElse(finding.at());
            if (!started && open.isEmpty()) return null; // never announced: nothing to close
            String key = open.map(Notification::dedupKey).orElse("faultline/" + edge.id() + KEY_PART + since.toEpochMilli());
            Duration down = Duration.between(since, clock.instant());
            return notifier.notify(handle, new Notification(started ? EventKind.INCIDENT_OPENED : EventKind.INCIDENT_RESOLVED,
                    edge.id(), edge.name(), edge.spec().url(), finding.severity(), cause, origin.map(CheckResult::status).orElse(0),
                    Optional.empty(), finding.summary(), finding.nextStep(), List.of("local"), Optional.empty(), key, clock.instant(),
                    Optional.of(down.isNegative() ? Duration.ZERO : down), apiBase.resolve("/api/v1/monitors/" + edge.id())),
                    edge.channels());
        });
    }

    /** Gives the watch back the episodes that were open (announced, not resolved) when the server stopped. */
    void resumeOpenEpisodes(CdnWatch watch, List<CdnWatch.Pair> pairs) {
        for (CdnWatch.Pair pair : pairs) {
            store.outbox().unresolvedOpenings(keyPattern(pair.edgeId())).stream().findFirst().ifPresent(open ->
                    watch.resume(pair.edgeId(), new CdnFinding(CdnFinding.Kind.MASKED_OUTAGE, pair.edgeName(),
                            Optional.of(pair.originName()), startOf(open.dedupKey()), open.summary(), List.of(), open.nextStep())));
        }
    }

    private static String keyPattern(String edgeId) {
        // Monitor ids are slugs: no LIKE wildcards in them but '_', which matches itself too.
        return "faultline/" + edgeId + KEY_PART + "%";
    }

    private static Instant startOf(String key) {
        return Instant.ofEpochMilli(Long.parseLong(key.substring(key.lastIndexOf('/') + 1)));
    }
}
