package dev.faultline.incidents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every alarm of the server on one timer thread; the tasks only hand events to the monitors' stripes. */
public final class ScheduledAlarms implements Alarms, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScheduledAlarms.class);

    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("faultline-alarms").daemon().factory());

    public ScheduledAlarms(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void set(Instant at, Runnable task) {
        long delayMicros = Math.max(0, Duration.between(clock.instant(), at).toNanos() / 1_000);
        try {
            timer.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("an alarm task failed", e);
                }
            }, delayMicros, TimeUnit.MICROSECONDS);
        } catch (RejectedExecutionException closed) {
            log.debug("alarm for {} not set: closing", at);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
