package dev.faultline.probe;

import dev.faultline.check.CheckResult;
import dev.faultline.check.MonitorSpec;
import dev.faultline.check.Verdict;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A region's canaries: URLs outside any monitored system, checked to tell the probe's own
 * connectivity from its targets'. They are checked every {@link #EVERY}, and at once when a
 * monitor fails without an answer (unless they were just found failing), before that failure is handed on: whoever
 * judges the region then hears the canaries first, and can discount the failure. Their results
 * carry the monitor id {@link #MONITOR_ID}, which no monitor can have.
 */
public final class Canaries implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Canaries.class);

    /** The monitor id of every canary result ({@code ~} is outside the monitor id alphabet). */
    public static final String MONITOR_ID = "~canary";
    /** How often canaries are checked when nothing fails. */
    public static final Duration EVERY = Duration.ofSeconds(30);
    /** Canaries found failing this recently need no new check: the region is known to be at fault. */
    private static final Duration FRESH = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpProber prober;
    private final String region;
    private final Clock clock;
    private final Consumer<CheckResult> sink;
    private final Thread loop;
    private volatile List<MonitorSpec> canaries = List.of();
    private Instant checkStartedAt = Instant.MIN;
    private Instant checkedAt = Instant.MIN;
    private boolean lastFailed;
    private volatile boolean closed;

    /** @param sink where canary results go, in order with the results they come before */
    public Canaries(HttpProber prober, String region, Clock clock, Consumer<CheckResult> sink) {
        this.prober = prober;
        this.region = region;
        this.clock = clock;
        this.sink = sink;
        this.loop = Thread.ofVirtual().name("canaries-" + region).unstarted(this::everyWhile);
    }

    public Canaries start() {
        loop.start();
        return this;
    }

    /** Makes these the canaries (an agent gets them with its assignment). */
    public void replace(List<URI> urls) {
        canaries = urls.stream().map(url -> MonitorSpec.builder(url).name("canary " + url).timeout(TIMEOUT)
                .interval(EVERY).build()).toList();
    }

    public static boolean isCanary(CheckResult result) {
        return MONITOR_ID.equals(result.monitor());
    }

    /**
     * Hands a result on to {@code next}; a failure without any answer goes after a fresh check of
     * the canaries (unless they were checked a moment ago), whose results go to the sink first.
     */
    public void gate(CheckResult result, Consumer<CheckResult> next) {
        if (!canaries.isEmpty() && result.verdict() instanceof Verdict.Down && !result.hasStatus()) {
            checkFor(clock.instant());
        }
        next.accept(result);
    }

    /**
     * Checks the canaries for a failure that arrived at {@code arrived}, unless a check begun since
     * covers it, or they were found failing a moment ago. One check at a time: failures arriving
     * together share one, and each goes on only after its results went to the sink.
     */
    private synchronized void checkFor(Instant arrived) {
        if (!checkStartedAt.isBefore(arrived)) return;
        if (lastFailed && clock.instant().isBefore(checkedAt.plus(FRESH))) return;
        check();
    }

    private synchronized void check() {
        checkStartedAt = clock.instant();
        List<CheckResult> results = new ArrayList<>();
        for (MonitorSpec canary : canaries) results.add(prober.check(MONITOR_ID, canary, region));
        checkedAt = clock.instant();
        results.forEach(sink);
        lastFailed = !results.isEmpty() && results.stream().allMatch(r -> r.verdict() instanceof Verdict.Down && !r.hasStatus());
        if (lastFailed) {
            log.warn("every canary of region {} fails without an answer (first: {} {})", region, results.getFirst().url(),
                    results.getFirst().verdict().cause().id());
        }
    }

    private void everyWhile() {
        while (!closed) {
            try {
                if (!canaries.isEmpty()) check();
                Thread.sleep(EVERY);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("checking the canaries of region {} failed", region, e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        loop.interrupt();
    }
}
