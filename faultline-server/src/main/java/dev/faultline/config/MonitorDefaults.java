package dev.faultline.config;

import dev.faultline.check.MonitorSpec;
import java.time.Duration;
import java.util.Objects;

/** Interval and timeout for every monitor that does not set its own. */
public record MonitorDefaults(Duration interval, Duration timeout) {

    public static final MonitorDefaults DEFAULT =
            new MonitorDefaults(MonitorSpec.DEFAULT_INTERVAL, MonitorSpec.DEFAULT_TIMEOUT);

    public MonitorDefaults {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
    }
}
