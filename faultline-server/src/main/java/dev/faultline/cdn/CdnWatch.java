package dev.faultline.cdn;

import dev.faultline.check.CheckResult;
import dev.faultline.monitor.LatestResults;
import dev.faultline.trend.CacheSignals;
import dev.faultline.trend.CdnFinding;
import dev.faultline.trend.EdgeSample;
import dev.faultline.trend.MaskedOutage;
import dev.faultline.trend.StaleCache;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outages a CDN hides: an origin that fails while the edge in front of it still answers (the
 * pairs come from {@code origin:} in the config), and an edge that keeps serving the same old
 * copy from its cache. Judged on every result of the monitors concerned; the findings that hold
 * now are kept for the API and logged when they start and end.
 */
public final class CdnWatch {

    private static final Logger log = LoggerFactory.getLogger(CdnWatch.class);
    private static final int SAMPLES = 10;

    /** One edge monitor behind which an origin monitor stands, by id and by name. */
    public record Pair(String edgeId, String edgeName, String originId, String originName) {
    }

    private final LatestResults latest;
    private final Function<String, String> names;
    private final MaskedOutage masked;
    private final StaleCache stale;
    private volatile Map<String, Pair> byEdge = Map.of();
    private volatile Map<String, List<Pair>> byOrigin = Map.of();
    private final Map<String, Deque<EdgeSample>> samples = new ConcurrentHashMap<>();
    // Edge id → the finding that holds now (at most one of each kind per edge).
    private final Map<String, CdnFinding> maskedNow = new ConcurrentHashMap<>();
    private final Map<String, CdnFinding> staleNow = new ConcurrentHashMap<>();
    private volatile Listener listener = (finding, edgeId, started) -> { };

    /** Told when a masked outage starts and when it is over (once each), to alert on it. */
    @FunctionalInterface
    public interface Listener {
        void changed(CdnFinding finding, String edgeId, boolean started);
    }

    /** @param names a monitor's name from its id, for the findings' words */
    public CdnWatch(LatestResults latest, Function<String, String> names, MaskedOutage masked, StaleCache stale) {
        this.latest = latest;
        this.names = names;
        this.masked = masked;
        this.stale = stale;
    }

    public void listen(Listener listener) {
        this.listener = listener;
    }

    /** Replaces the pairs (on start and on every config reload). */
    public void pairs(List<Pair> pairs) {
        byEdge = pairs.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(Pair::edgeId, p -> p));
        byOrigin = pairs.stream().collect(java.util.stream.Collectors.groupingBy(Pair::originId));
        maskedNow.keySet().retainAll(byEdge.keySet());
    }

    public void onResult(CheckResult result) {
        Pair asEdge = byEdge.get(result.monitor());
        if (asEdge != null) judgeMasking(asEdge);
        for (Pair pair : byOrigin.getOrDefault(result.monitor(), List.of())) judgeMasking(pair);
        // Only answers that came through a cache say anything about staleness.
        if (CacheSignals.of(result).servedFromCache() || samples.containsKey(result.monitor())) judgeStaleness(result);
    }

    /**
     * Takes a masked outage as holding for the edge, without telling the listener: one announced
     * before a restart. The pair's next judgement ends it (and tells the listener) if it is over.
     */
    public void resume(String edgeId, CdnFinding finding) {
        maskedNow.putIfAbsent(edgeId, finding);
    }

    /** The findings that hold now: masked outages first, then stale caches. */
    public List<CdnFinding> current() {
        return java.util.stream.Stream.concat(maskedNow.values().stream(), staleNow.values().stream()).toList();
    }

    private void judgeMasking(Pair pair) {
        Optional<CheckResult> edge = latest.latest(pair.edgeId());
        Optional<CheckResult> origin = latest.latest(pair.originId());
        if (edge.isEmpty() || origin.isEmpty()) return;
        update(maskedNow, pair.edgeId(), masked.detect(pair.originName(), origin.get(), pair.edgeName(), edge.get()), listener);
    }

    private void judgeStaleness(CheckResult result) {
        Deque<EdgeSample> recent = samples.computeIfAbsent(result.monitor(), id -> new ArrayDeque<>());
        List<EdgeSample> window;
        synchronized (recent) {
            recent.addLast(EdgeSample.of(result));
            if (recent.size() > SAMPLES) recent.removeFirst();
            window = List.copyOf(recent);
        }
        update(staleNow, result.monitor(), stale.detect(names.apply(result.monitor()), window), (f, id, started) -> { });
    }

    private static void update(Map<String, CdnFinding> now, String edgeId, Optional<CdnFinding> finding, Listener listener) {
        if (finding.isPresent()) {
            CdnFinding previous = now.putIfAbsent(edgeId, finding.get());
            if (previous == null) {
                log.warn("{}: {}", finding.get().kind().id(), finding.get().summary());
                listener.changed(finding.get(), edgeId, true);
            }
        } else {
            CdnFinding ended = now.remove(edgeId);
            if (ended != null) {
                log.info("{} over for {}", ended.kind().id(), edgeId);
                listener.changed(ended, edgeId, false);
            }
        }
    }
}
