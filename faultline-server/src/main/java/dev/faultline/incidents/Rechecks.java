package dev.faultline.incidents;

import java.util.Set;

/**
 * Asks probe regions to check a monitor now, outside its schedule, to confirm or clear a
 * failure. The local region is the server's own scheduler; other regions come with agents.
 */
@FunctionalInterface
public interface Rechecks {

    void recheck(String monitorId, Set<String> regions);
}
