package dev.faultline.schedule;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

/** One semaphore per host and port, shared by every monitor that checks it. Guarded by the scheduler's lock. */
final class HostPermits {

    private final int perHost;
    private final Map<String, Semaphore> byHost = new HashMap<>();

    HostPermits(int perHost) {
        this.perHost = perHost;
    }

    Semaphore forUrl(URI url) {
        // Fair, so that the checks of a saturated host start in the order they fell due.
        return byHost.computeIfAbsent(hostKey(url), host -> new Semaphore(perHost, true));
    }

    /**
     * Forgets the hosts no monitor checks any more. A check still running against one of them
     * keeps and releases its own semaphore; should the host come back meanwhile, it gets a fresh
     * one, which can let a few more checks than the limit in at that moment.
     */
    void retainOnly(Set<String> hostKeys) {
        byHost.keySet().retainAll(hostKeys);
    }

    int size() {
        return byHost.size();
    }

    static String hostKey(URI url) {
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        return url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
