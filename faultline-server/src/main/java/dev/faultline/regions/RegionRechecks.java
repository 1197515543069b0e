package dev.faultline.regions;

import dev.faultline.incidents.Rechecks;
import dev.faultline.schedule.Recheck;
import dev.faultline.schedule.Scheduler;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each re-check to the region that must run it: the server's own region to its
 * scheduler, every other region to its agent's next poll ({@link AgentDesk}). The scheduler is
 * attached after it is built, since it feeds the incident service that asks.
 */
public final class RegionRechecks implements Rechecks {

    private static final Logger log = LoggerFactory.getLogger(RegionRechecks.class);

    private final String ownRegion;
    private final AgentDesk agents;
    private volatile Scheduler scheduler;

    public RegionRechecks(String ownRegion, AgentDesk agents) {
        this.ownRegion = ownRegion;
        this.agents = agents;
    }

    public void attach(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void recheck(String monitorId, Set<String> regions) {
        Scheduler local = scheduler;
        if (local != null && regions.contains(ownRegion)) {
            Recheck outcome = local.recheckNow(monitorId);
            // Already in flight or deferred by a Retry-After: the result on its way, or the deadline, settles it.
            if (outcome != Recheck.STARTED) log.debug("re-check of {} not started: {}", monitorId, outcome);
        }
        Set<String> remote = new HashSet<>(regions);
        remote.remove(ownRegion);
        if (!remote.isEmpty()) agents.recheck(monitorId, remote);
    }
}
