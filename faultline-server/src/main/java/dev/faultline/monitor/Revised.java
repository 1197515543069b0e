package dev.faultline.monitor;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A monitor and the revision it is stored at. The revision changes on every save of a monitor
 * created through the API or the dashboard, so a change can be made on the condition that nobody
 * saved the monitor since it was read (the API's {@code ETag}/{@code If-Match}, the edit form's
 * hidden field). A config-file monitor has none: it is changed only in the file.
 */
public record Revised(Monitor monitor, OptionalLong revision) {

    public Revised {
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(revision, "revision");
    }

    /** A monitor created through the API, at its stored revision. */
    public static Revised stored(Monitor monitor, long revision) {
        return new Revised(monitor, OptionalLong.of(revision));
    }

    /** A config-file monitor, which has no revision. */
    public static Revised fromFile(Monitor monitor) {
        return new Revised(monitor, OptionalLong.empty());
    }
}
