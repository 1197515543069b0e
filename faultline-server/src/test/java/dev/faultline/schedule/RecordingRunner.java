package dev.faultline.schedule;

import dev.faultline.check.CheckResult;
import dev.faultline.monitor.Monitor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A runner that records when each monitor ran, counts how many checks run at once (overall and
 * per host), and can hold the checks of chosen monitors until the test lets them go.
 */
final class RecordingRunner implements CheckRunner {

    record Run(String monitorId, Instant at) {
    }

    private final Clock clock;
    private final List<Run> runs = new CopyOnWriteArrayList<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
    private final Set<String> interrupted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final Map<String, AtomicInteger> runningPerHost = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxPerHost = new ConcurrentHashMap<>();
    private volatile boolean holdAll;
    private final CountDownLatch releaseAll = new CountDownLatch(1);

    RecordingRunner(Clock clock) {
        this.clock = clock;
    }

    /** Checks of this monitor block until {@link #release(String)}. */
    void hold(String monitorId) {
        holds.put(monitorId, new CountDownLatch(1));
    }

    void release(String monitorId) {
        holds.remove(monitorId).countDown();
    }

    /** Every check blocks until {@link #releaseAll()}. */
    void holdAll() {
        holdAll = true;
    }

    void releaseAll() {
        holdAll = false;
        releaseAll.countDown();
    }

    @Override
    public CheckResult run(Monitor monitor, String region) {
        Instant at = clock.instant();
        runs.add(new Run(monitor.id(), at));
        String host = HostPermits.hostKey(monitor.spec().url());
        AtomicInteger hostNow = runningPerHost.computeIfAbsent(host, h -> new AtomicInteger());
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        maxPerHost.computeIfAbsent(host, h -> new AtomicInteger()).accumulateAndGet(hostNow.incrementAndGet(), Math::max);
        try {
            CountDownLatch hold = holds.get(monitor.id());
            if (hold != null) await(hold, monitor);
            if (holdAll) await(releaseAll, monitor);
            return TestMonitors.up(monitor, region, at);
        } finally {
            hostNow.decrementAndGet();
            running.decrementAndGet();
        }
    }

    private void await(CountDownLatch latch, Monitor monitor) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("held for too long");
        } catch (InterruptedException e) {
            interrupted.add(monitor.id());
            throw new IllegalStateException("interrupted", e);
        }
    }

    List<Run> runs() {
        return List.copyOf(runs);
    }

    List<Instant> runsOf(String monitorId) {
        return runs.stream().filter(run -> run.monitorId().equals(monitorId)).map(Run::at).toList();
    }

    int running() {
        return running.get();
    }

    int maxRunning() {
        return maxRunning.get();
    }

    int maxRunningAgainst(String hostKey) {
        AtomicInteger max = maxPerHost.get(hostKey);
        return max == null ? 0 : max.get();
    }

    boolean wasInterrupted(String monitorId) {
        return interrupted.contains(monitorId);
    }
}
