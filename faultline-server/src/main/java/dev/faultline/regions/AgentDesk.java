package dev.faultline.regions;

import dev.faultline.json.AgentWire.Assignment;
import dev.faultline.json.MonitorJson;
import dev.faultline.monitor.Monitor;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where the configured agents' regions get their work: each region's monitors under a version
 * that changes when they change, the re-checks asked of it, and what the server last heard from
 * its agent. An agent's poll waits here until its assignment changes, a re-check is asked for,
 * or the wait is over, so that changes reach it at once without polling in a tight loop.
 *
 * <p>Thread-safe. Versions start from the clock at construction, so that an agent's version from
 * before a server restart never matches (it gets its assignment again at once).
 */
public final class AgentDesk implements AutoCloseable {

    /** An agent not heard from for this long is shown as disconnected; it polls at least twice as often. */
    public static final Duration CONNECTED_WITHIN = Duration.ofSeconds(60);

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Desk> desks = new LinkedHashMap<>();
    private final List<String> canaries;
    private final long firstVersion;
    private boolean closed;

    /** What the server knows of one region's agent, for {@code GET /api/v1/agents}. */
    public record Status(String region, boolean connected, Optional<Instant> lastSeen, long resultsReceived,
                         long batchesReceived, int monitors) {
    }

    private static final class Desk {
        long version;
        List<Monitor> monitors = List.of();
        // The ids of `monitors`, for the check made on every uploaded result: read without the lock, replaced whole.
        volatile Set<String> monitorIds = Set.of();
        final Set<String> rechecks = new LinkedHashSet<>();
        Instant lastSeen;
        long results;
        long batches;
        int polling;
    }

    public AgentDesk(Collection<String> regions, List<URI> canaries, Clock clock) {
        this.clock = clock;
        this.canaries = canaries.stream().map(URI::toString).toList();
        this.firstVersion = clock.millis();
        regions.forEach(region -> {
            Desk desk = new Desk();
            desk.version = firstVersion;
            desks.put(region, desk);
        });
    }

    public boolean knows(String region) {
        return desks.containsKey(region);
    }

    /** Takes the monitors as they are now: a region whose own monitors changed gets a new version, and its agent hears at once. */
    public void replaceMonitors(Collection<Monitor> monitors) {
        lock.lock();
        try {
            desks.forEach((region, desk) -> {
                List<Monitor> own = monitors.stream().filter(m -> m.regions().contains(region)).toList();
                if (!own.equals(desk.monitors)) {
                    desk.monitors = own;
                    desk.monitorIds = Set.copyOf(own.stream().map(Monitor::id).toList());
                    desk.version++;
                    desk.rechecks.retainAll(desk.monitorIds);
                }
            });
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Asks the agents of these regions to check the monitor now; regions without an agent are not this desk's. */
    public void recheck(String monitorId, Set<String> regions) {
        lock.lock();
        try {
            boolean any = false;
            for (String region : regions) {
                Desk desk = desks.get(region);
                if (desk != null && desk.monitorIds.contains(monitorId)) {
                    any |= desk.rechecks.add(monitorId);
                }
            }
            if (any) changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * An agent's poll: returns at once when the region's version is not {@code knownVersion} or
     * re-checks wait, else when either happens or {@code wait} is over. The re-checks returned are
     * taken off the desk.
     *
     * @throws IllegalArgumentException for a region without an agent
     */
    public Assignment poll(String region, long knownVersion, Duration wait) throws InterruptedException {
        lock.lock();
        try {
            Desk desk = require(region);
            desk.lastSeen = clock.instant();
            desk.polling++;
            try {
                long left = wait.toNanos();
                while (!closed && desk.version == knownVersion && desk.rechecks.isEmpty() && left > 0) {
                    left = changed.awaitNanos(left);
                }
            } finally {
                desk.polling--;
            }
            desk.lastSeen = clock.instant();
            List<String> rechecks = new ArrayList<>(desk.rechecks);
            desk.rechecks.clear();
            return new Assignment(desk.version, desk.monitors.stream().map(MonitorJson::of).toList(), canaries, rechecks);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the monitor is one of the region's now: results for others are not taken. */
    public boolean assigned(String region, String monitorId) {
        // Without the lock: it is asked for every uploaded result, and `desks` never changes after construction.
        Desk desk = desks.get(region);
        return desk != null && desk.monitorIds.contains(monitorId);
    }

    /** Counts a batch of results taken from the region's agent. */
    public void received(String region, int results) {
        lock.lock();
        try {
            Desk desk = require(region);
            desk.lastSeen = clock.instant();
            desk.results += results;
            desk.batches++;
        } finally {
            lock.unlock();
        }
    }

    public List<Status> statuses() {
        lock.lock();
        try {
            Instant now = clock.instant();
            List<Status> all = new ArrayList<>();
            desks.forEach((region, desk) -> all.add(new Status(region,
                    desk.polling > 0 || (desk.lastSeen != null && desk.lastSeen.isAfter(now.minus(CONNECTED_WITHIN))),
                    Optional.ofNullable(desk.lastSeen), desk.results, desk.batches, desk.monitors.size())));
            return all;
        } finally {
            lock.unlock();
        }
    }

    private Desk require(String region) {
        Desk desk = desks.get(region);
        if (desk == null) throw new IllegalArgumentException("region: no agent is configured for '" + region + "'");
        return desk;
    }

    /** Lets every waiting poll return, so that the web server can stop without waiting for them. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

}
