package dev.faultline.anomaly;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link AnomalyEvaluator} once a minute on a thread of its own, its chunks spread over
 * the first half of the minute (staggered: the database sees a few small reads at a time, not
 * one burst for every monitor). A pass that fails is logged and the next one tries again.
 */
public final class AnomalySchedule implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnomalySchedule.class);
    static final Duration PERIOD = Duration.ofMinutes(1);
    /** After a start, the first pass waits this long: the checks and the writer settle first. */
    public static final Duration FIRST_DELAY = Duration.ofSeconds(20);
    private static final Duration SPREAD = PERIOD.dividedBy(2);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("anomalies").daemon().factory());
    private final AnomalyEvaluator evaluator;
    private final IntSupplier monitorCount;

    public AnomalySchedule(AnomalyEvaluator evaluator, IntSupplier monitorCount) {
        this.evaluator = evaluator;
        this.monitorCount = monitorCount;
    }

    /** Starts the passes; the first after {@code firstDelay}, to let the server's start settle. */
    public AnomalySchedule start(Duration firstDelay) {
        executor.scheduleAtFixedRate(this::pass, firstDelay.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void pass() {
        try {
            int chunks = Math.max(1, (monitorCount.getAsInt() + AnomalyEvaluator.CHUNK - 1) / AnomalyEvaluator.CHUNK);
            AnomalyEvaluator.Pass pass = evaluator.evaluate(SPREAD.dividedBy(chunks));
            if (pass.opened() + pass.resolved() > 0) {
                log.info("anomalies: {} opened, {} still seen, {} resolved over {} monitors", pass.opened(), pass.seen(),
                        pass.resolved(), pass.monitors());
            }
        } catch (RuntimeException e) {
            log.error("evaluating anomalies failed; trying again in {}", PERIOD, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
