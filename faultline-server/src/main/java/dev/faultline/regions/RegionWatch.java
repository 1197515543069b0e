package dev.faultline.regions;

import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import dev.faultline.incident.Event.RegionResult;
import dev.faultline.incident.ProbeHealth;
import dev.faultline.monitor.LatestResults;
import dev.faultline.monitor.Monitor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every probe region for the probe's own fault ({@link ProbeHealth}): hears each region's
 * canary results and every check result, and says when a region becomes unhealthy or healthy
 * again. Judging a region reads the latest result of each of its monitors, so it is done only
 * when the evidence may have changed the answer: on a canary result, and when the share of the
 * region's monitors failing without an answer (kept up to date per result) crosses a threshold.
 * Thread-safe. The listener is called outside the watch's lock, on the thread that caused the
 * change, one change at a time and in order: it writes to the store, and a failing write must
 * neither escape into the result's path nor be lost, so a change it fails on is kept and offered
 * again with the next result or canary.
 */
public final class RegionWatch {

    private static final Logger log = LoggerFactory.getLogger(RegionWatch.class);

    /** Hears a region fall or recover; {@code cause} is the failure behind the change. */
    @FunctionalInterface
    public interface Listener {
        void changed(String region, Optional<ProbeHealth.Reason> reason, Cause cause, Instant at);
    }

    private final ProbeHealth.Policy policy;
    private final LatestResults latest;
    private final Clock clock;
    private final Listener listener;
    private final Map<String, Map<String, RegionResult>> canaries = new HashMap<>();
    private final Map<String, Set<String>> monitorsByRegion = new HashMap<>();
    private final Map<String, Set<String>> failingWithoutAnswer = new HashMap<>();
    private final Map<String, ProbeHealth.Reason> unhealthy = new ConcurrentHashMap<>();
    // How many of the region's monitors were failing when it was last judged healthy despite them (an
    // outage everywhere, say): it is judged again only when about 1 % more fail, not on every failure.
    private final Map<String, Integer> failingWhenJudgedHealthy = new HashMap<>();
    // Changes judged but not yet heard by the listener (guarded by this); delivered under `delivery` alone.
    private final Deque<Change> undelivered = new ArrayDeque<>();
    private final Object delivery = new Object();

    private record Change(String region, Optional<ProbeHealth.Reason> reason, Cause cause, Instant at) {}

    // A listener failing for ever must not grow the queue without bound: beyond this the oldest go, logged.
    private static final int MAX_UNDELIVERED = 1_000;

    public RegionWatch(ProbeHealth.Policy policy, LatestResults latest, Clock clock, Listener listener) {
        this.policy = policy;
        this.latest = latest;
        this.clock = clock;
        this.listener = listener;
    }

    public synchronized void replaceMonitors(Collection<Monitor> monitors) {
        monitorsByRegion.clear();
        for (Monitor monitor : monitors) {
            monitor.regions().forEach(region -> monitorsByRegion.computeIfAbsent(region, r -> new HashSet<>()).add(monitor.id()));
        }
        failingWithoutAnswer.forEach((region, failing) -> failing.retainAll(monitorsByRegion.getOrDefault(region, Set.of())));
    }

    /** A canary's result: the region is judged at once. */
    public void canary(CheckResult result) {
        synchronized (this) {
            canaries.computeIfAbsent(result.region(), r -> new HashMap<>()).put(result.url().toString(), RegionResult.of(result));
            judge(result.region(), result.verdict().cause());
        }
        deliver();
    }

    /** A monitor's result; call it before the incident engine hears the result, so that a region found unhealthy by it is left out. */
    public void observe(CheckResult result) {
        synchronized (this) {
            take(result);
        }
        deliver();
    }

    private void take(CheckResult result) {
        String region = result.region();
        Set<String> failing = failingWithoutAnswer.computeIfAbsent(region, r -> new HashSet<>());
        boolean changed = ProbeHealth.withoutAnswer(RegionResult.of(result))
                ? failing.add(result.monitor()) : failing.remove(result.monitor());
        if (!changed) return;
        int monitors = monitorsByRegion.getOrDefault(region, Set.of()).size();
        if (monitors < policy.minMonitors()) return;
        double share = (double) failing.size() / monitors;
        ProbeHealth.Reason now = unhealthy.get(region);
        if (share < policy.healthyShare()) failingWhenJudgedHealthy.remove(region);
        int step = Math.max(1, monitors / 100);
        boolean mayFall = now == null && share >= policy.unhealthyShare()
                && failing.size() >= failingWhenJudgedHealthy.getOrDefault(region, 0) + step;
        boolean mayRecover = now == ProbeHealth.Reason.MOST_MONITORS_FAILED && share < policy.healthyShare();
        if (mayFall || mayRecover) judge(region, result.verdict().cause());
    }

    /** The regions unhealthy now. */
    public Set<String> unhealthy() {
        return Set.copyOf(new TreeSet<>(unhealthy.keySet()));
    }

    public Optional<ProbeHealth.Reason> reason(String region) {
        return Optional.ofNullable(unhealthy.get(region));
    }

    private void judge(String region, Cause cause) {
        Instant now = clock.instant();
        Map<String, Map<String, RegionResult>> evidence = new HashMap<>();
        for (String monitorId : monitorsByRegion.getOrDefault(region, Set.of())) {
            Map<String, CheckResult> byRegion = latest.byRegion(monitorId);
            if (byRegion.isEmpty()) continue;
            Map<String, RegionResult> results = new HashMap<>();
            byRegion.forEach((r, result) -> results.put(r, RegionResult.of(result)));
            evidence.put(monitorId, results);
        }
        Optional<ProbeHealth.Reason> before = Optional.ofNullable(unhealthy.get(region));
        Set<String> others = new HashSet<>(unhealthy.keySet());
        others.remove(region);
        List<RegionResult> ownCanaries = List.copyOf(canaries.getOrDefault(region, Map.of()).values());
        Optional<ProbeHealth.Reason> after = ProbeHealth.judge(region, policy, ownCanaries, evidence, others, before, now);
        if (after.isEmpty()) {
            failingWhenJudgedHealthy.put(region, failingWithoutAnswer.getOrDefault(region, Set.of()).size());
        }
        if (after.equals(before)) return;
        after.ifPresentOrElse(reason -> unhealthy.put(region, reason), () -> unhealthy.remove(region));
        if (after.isPresent()) {
            log.warn("probe region {} lost its own connectivity ({}): its results are kept but count toward no quorum",
                    region, after.get() == ProbeHealth.Reason.CANARIES_FAILED ? "its canaries fail"
                            : "most of its monitors fail without an answer while other regions see them up");
        } else {
            log.info("probe region {} is healthy again: its results count again", region);
        }
        if (undelivered.size() >= MAX_UNDELIVERED) {
            Change dropped = undelivered.removeFirst();
            log.error("probe region {}: the change to {} at {} was never delivered (its listener keeps failing) and is dropped",
                    dropped.region(), dropped.reason().map(Enum::name).orElse("healthy"), dropped.at());
        }
        undelivered.addLast(new Change(region, after, cause, now));
    }

    // Outside the watch's lock: the listener writes alerts to the store, which may be slow or fail.
    private void deliver() {
        synchronized (delivery) {
            while (true) {
                Change next;
                synchronized (this) {
                    next = undelivered.peekFirst();
                }
                if (next == null) return;
                try {
                    listener.changed(next.region(), next.reason(), next.cause(), next.at());
                } catch (RuntimeException e) {
                    log.error("probe region {}: telling of its change to {} failed; tried again with the next result",
                            next.region(), next.reason().map(Enum::name).orElse("healthy"), e);
                    return;
                }
                synchronized (this) {
                    if (undelivered.peekFirst() == next) undelivered.removeFirst();
                }
            }
        }
    }
}
