package dev.faultline.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** When a monitor is due next, and whether it waits longer than its interval because the server asked. */
public sealed interface NextCheck {

    Instant due();

    /** The interval as configured. */
    record OnSchedule(Instant due) implements NextCheck {
        public OnSchedule {
            Objects.requireNonNull(due, "due");
        }
    }

    /**
     * Later than the interval, because the server answered 429 or 503 with Retry-After.
     *
     * @param asked  what the server asked for
     * @param capped whether the wait was cut short at the configured maximum
     */
    record BackedOff(Instant due, Duration asked, boolean capped) implements NextCheck {
        public BackedOff {
            Objects.requireNonNull(due, "due");
            Objects.requireNonNull(asked, "asked");
        }
    }
}
