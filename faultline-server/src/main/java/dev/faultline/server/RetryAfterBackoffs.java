package dev.faultline.server;

import dev.faultline.check.CheckResult;
import dev.faultline.monitor.Monitor;
import dev.faultline.monitor.MonitorRegistry;
import dev.faultline.schedule.Scheduler;
import dev.faultline.trend.NextCheck;
import dev.faultline.trend.RetryAfterBackoff;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A monitor answered 429 with Retry-After: its next check waits as asked (never
 * hammering a rate-limited endpoint), then it returns to its interval by itself.
 */
final class RetryAfterBackoffs {

    private static final Logger log = LoggerFactory.getLogger(RetryAfterBackoffs.class);

    private final RetryAfterBackoff policy;
    private final MonitorRegistry registry;
    private final Scheduler scheduler;
    private final LongAdder backoffs = new LongAdder();

    RetryAfterBackoffs(RetryAfterBackoff policy, MonitorRegistry registry, Scheduler scheduler) {
        this.policy = policy;
        this.registry = registry;
        this.scheduler = scheduler;
    }

    void apply(CheckResult result) {
        if (result.retryAfter().isEmpty()) return; // the common case costs one check
        Monitor monitor = registry.find(result.monitor()).orElse(null);
        if (monitor == null) return;
        if (policy.after(result, monitor.spec().interval()) instanceof NextCheck.BackedOff backedOff
                && scheduler.deferUntil(monitor.id(), backedOff.due())) {
            backoffs.increment();
            log.info("{}: HTTP {} asked to retry after {} s{}; next check at {}", monitor.id(), result.status(),
                    backedOff.asked().toSeconds(), backedOff.capped() ? " (capped)" : "", backedOff.due());
        }
    }

    long count() {
        return backoffs.sum();
    }
}
