package dev.faultline.schedule;

import dev.faultline.monitor.Monitor;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * One region's monitors ordered by due time: a binary heap of {@link ScheduledMonitor}
 * entries, so that holding and dispatching a monitor costs no allocation. Not thread-safe: the
 * scheduler calls it under its lock.
 */
final class Timetable {

    /**
     * At most this many checks start early in one wake-up: at high rates the dispatcher wakes
     * often anyway, and a bounded burst keeps checks from competing for the CPU while they time
     * their phases.
     */
    static final int MAX_EARLY = 16;

    private static final Comparator<ScheduledMonitor> BY_DUE = Comparator.comparingLong(entry -> entry.dueMillis);

    private final HostPermits hosts;
    private Map<String, ScheduledMonitor> byId = new HashMap<>();
    private final PriorityQueue<ScheduledMonitor> queue = new PriorityQueue<>(BY_DUE);

    private final String region;

    Timetable(HostPermits hosts, String region) {
        this.hosts = hosts;
        this.region = region;
    }

    /**
     * Makes this region's monitors among {@code monitors} the scheduled ones. A monitor kept
     * with its interval and its regions keeps its phase and due time; one whose cadence changed
     * (a new interval, or regions that give this region another turn) falls due at the first time
     * of its new cadence after {@code nowMillis} (not at now: it may have just run); a new one at
     * the first time of its cadence from now. Returns how many were removed.
     */
    int replaceAll(Collection<Monitor> monitors, long nowMillis) {
        Map<String, Monitor> local = new LinkedHashMap<>();
        for (Monitor monitor : monitors) {
            if (monitor.regions().contains(region) && local.put(monitor.id(), monitor) != null) {
                throw new IllegalArgumentException("duplicate monitor id '" + monitor.id() + "'");
            }
        }
        Map<String, ScheduledMonitor> next = HashMap.newHashMap(local.size());
        Set<String> hostKeys = new HashSet<>();
        for (Monitor monitor : local.values()) {
            ScheduledMonitor entry = byId.get(monitor.id());
            if (entry == null) {
                Cadence cadence = Cadence.inRegion(monitor, region);
                entry = new ScheduledMonitor(monitor, cadence, hosts.forUrl(monitor.spec().url()), cadence.firstDueAtOrAfter(nowMillis));
            } else {
                // The entry is still in the queue: the heap is rebuilt below, before any use.
                if (!monitor.spec().interval().equals(entry.monitor.spec().interval())
                        || !monitor.regions().equals(entry.monitor.regions())) {
                    Cadence cadence = Cadence.inRegion(monitor, region);
                    if (!cadence.equals(entry.cadence)) {
                        entry.cadence = cadence;
                        entry.dueMillis = cadence.nextDueAfter(nowMillis);
                    }
                }
                entry.monitor = monitor;
                entry.hostPermits = hosts.forUrl(monitor.spec().url());
            }
            next.put(monitor.id(), entry);
            hostKeys.add(HostPermits.hostKey(monitor.spec().url()));
        }
        int removed = (int) byId.keySet().stream().filter(id -> !next.containsKey(id)).count();
        byId = next;
        queue.clear();
        queue.addAll(next.values());
        hosts.retainOnly(hostKeys);
        return removed;
    }

    /**
     * Hands every entry due at {@code nowMillis} to {@code dispatch}, then moves it to its next
     * due time after now: runs missed while the dispatcher was held up are not caught up on. An
     * entry under a deferral is not dispatched but moved to the first due time after it.
     *
     * <p>When something was due, entries due within {@code earlyStartMillis} (and within a
     * twentieth of their own interval) go with it, up to {@link #MAX_EARLY} of them, and keep
     * their cadence: the next run is one interval after the due time, not after the early start.
     * A check started alone 100 ms after the previous one pays every thread's wake-up and runs on
     * cold caches: at 10 checks a second, gathering a second's worth into one wake-up cut the CPU
     * per check by 2.4 times (BENCHMARKS.md). An entry whose previous check is still running, or
     * under a deferral, is never started early.
     */
    void takeDue(long nowMillis, long earlyStartMillis, Dispatch dispatch) {
        boolean anyDue = false;
        int early = 0;
        ScheduledMonitor entry;
        while ((entry = queue.peek()) != null) {
            long dueMillis = entry.dueMillis;
            if (dueMillis > nowMillis) {
                // The heap yields entries in due order: the first that may not go early ends the wake-up.
                if (!anyDue || early == MAX_EARLY || entry.inFlight || entry.deferredUntilMillis > nowMillis
                        || dueMillis - nowMillis > Math.min(earlyStartMillis, entry.cadence.interval().toMillis() / 20)) {
                    return;
                }
                early++;
            }
            queue.poll();
            boolean deferred = entry.deferredUntilMillis > nowMillis;
            entry.dueMillis = deferred
                    ? entry.cadence.firstDueAtOrAfter(entry.deferredUntilMillis)
                    : entry.cadence.nextDueAfter(Math.max(nowMillis, dueMillis));
            queue.add(entry);
            if (!deferred) {
                anyDue = true;
                entry.deferredUntilMillis = 0;
                dispatch.due(entry, dueMillis);
            }
        }
    }

    /** The earliest due time, or {@link Long#MAX_VALUE} when nothing is scheduled. */
    long nextDueMillis() {
        ScheduledMonitor first = queue.peek();
        return first == null ? Long.MAX_VALUE : first.dueMillis;
    }

    ScheduledMonitor get(String monitorId) {
        return byId.get(monitorId);
    }

    int size() {
        return byId.size();
    }

    /** What the scheduler does with an entry that fell due. */
    @FunctionalInterface
    interface Dispatch {
        void due(ScheduledMonitor entry, long dueMillis);
    }
}
