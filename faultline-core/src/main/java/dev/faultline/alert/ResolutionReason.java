package dev.faultline.alert;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why an incident's resolution is sent: the webhook's {@code reason}. Either way the provider
 * closes what the opening opened; the words differ, because a monitor that is gone has not
 * recovered, and whoever was paged should know it is no longer watched.
 */
public enum ResolutionReason {
    /** The monitor's checks pass again. */
    RECOVERED("recovered"),
    /** The monitor was removed while its incident was open: the incident closes without a recovery. */
    MONITOR_REMOVED("monitor_removed");

    private final String id;

    ResolutionReason(String id) {
        this.id = id;
    }

    /** The id in payloads, e.g. {@code monitor_removed}. */
    public String id() {
        return id;
    }

    public static Optional<ResolutionReason> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
