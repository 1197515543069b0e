package dev.faultline.incidents;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed number of single-threaded queues ("stripes"); a key always lands on the same stripe, so
 * its tasks run in order, one at a time, while other keys go on in parallel. Handing a task over
 * is a queue offer: cheap enough for every check result. Stripes run on virtual threads, since
 * their tasks mostly wait for the database.
 */
public final class StripedExecutor implements KeyedExecutor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StripedExecutor.class);

    private final ExecutorService[] stripes;
    private final Duration closeGrace;

    public StripedExecutor(int stripes, String name, Duration closeGrace) {
        if (stripes < 1) throw new IllegalArgumentException("stripes: must be at least 1");
        this.stripes = new ExecutorService[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = Executors.newSingleThreadExecutor(Thread.ofVirtual().name(name + "-" + i).factory());
        }
        this.closeGrace = closeGrace;
    }

    @Override
    public void execute(String key, Runnable task) {
        try {
            stripes[Math.floorMod(key.hashCode(), stripes.length)].execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("a task for {} failed", key, e);
                }
            });
        } catch (RejectedExecutionException closed) {
            log.debug("task for {} dropped: closing", key);
        }
    }

    /** Takes no more tasks and runs those queued, waiting up to the grace period for them. */
    @Override
    public void close() {
        for (ExecutorService stripe : stripes) stripe.shutdown();
        long deadline = System.nanoTime() + closeGrace.toNanos();
        try {
            for (ExecutorService stripe : stripes) {
                if (!stripe.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    log.warn("incident tasks still queued after {}; dropping them", closeGrace);
                    for (ExecutorService s : stripes) s.shutdownNow();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
