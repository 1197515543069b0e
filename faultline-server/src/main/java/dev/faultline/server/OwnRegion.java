package dev.faultline.server;

import dev.faultline.config.AgentConfig;
import dev.faultline.monitor.Monitor;
import java.util.Collection;
import java.util.List;

/**
 * A monitor's {@code local} region is the server's own probe, whatever {@code server.region}
 * names it: the name is put in once, where the monitors come in, so that the scheduler, the
 * incident engine and the results all speak of the same region.
 */
final class OwnRegion {

    private OwnRegion() {
    }

    static List<Monitor> rename(Collection<Monitor> monitors, String ownRegion) {
        if (ownRegion.equals(AgentConfig.LOCAL_REGION)) return List.copyOf(monitors);
        return monitors.stream().map(m -> !m.regions().contains(AgentConfig.LOCAL_REGION) ? m
                : new Monitor(m.id(), m.spec(), m.regions().stream()
                        .map(r -> r.equals(AgentConfig.LOCAL_REGION) ? ownRegion : r).distinct().toList(),
                        m.channels(), m.tags(), m.source())).toList();
    }
}
