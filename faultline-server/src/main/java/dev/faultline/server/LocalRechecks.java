package dev.faultline.server;

import dev.faultline.config.AgentConfig;
import dev.faultline.incidents.Rechecks;
import dev.faultline.schedule.Recheck;
import dev.faultline.schedule.Scheduler;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-checks asked of the local region go to the scheduler; other regions' wait for the agents.
 * The scheduler is attached after it is built, since it feeds the incident service that asks.
 */
final class LocalRechecks implements Rechecks {

    private static final Logger log = LoggerFactory.getLogger(LocalRechecks.class);

    private volatile Scheduler scheduler;

    void attach(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void recheck(String monitorId, Set<String> regions) {
        Scheduler local = scheduler;
        if (local == null || !regions.contains(AgentConfig.LOCAL_REGION)) return;
        Recheck outcome = local.recheckNow(monitorId);
        // Already in flight or deferred by a Retry-After: the result on its way, or the deadline, settles it.
        if (outcome != Recheck.STARTED) log.debug("re-check of {} not started: {}", monitorId, outcome);
    }
}
