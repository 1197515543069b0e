package dev.faultline.trend;

import dev.faultline.check.CheckResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Honours Retry-After: after a 429 that carries one, a monitor's next check waits as asked, if
 * that is longer than its interval, but never more than {@code maxWait}, so that a wrong or
 * hostile header cannot silence a monitor for days. A 503's Retry-After is recorded and shown
 * in the diagnosis but does not put checks off: a 503 is the server failing its users, and
 * waiting out its Retry-After would outlast the confirmation window, so the outage would never
 * be confirmed and nobody would be paged. Re-checks the incident engine asks for are not
 * scheduled here.
 *
 * @param maxWait the longest wait a server can ask for
 */
public record RetryAfterBackoff(Duration maxWait) {

    /** Waits of up to an hour: long enough for any rate limit window seen in practice, short enough to notice a recovery. */
    public static final RetryAfterBackoff DEFAULT = new RetryAfterBackoff(Duration.ofHours(1));

    public RetryAfterBackoff {
        Require.positive(maxWait, "max_retry_after");
    }

    /**
     * The next check after {@code result}: one interval after it started, or, when the server
     * asked for more, that long after the answer came (capped at {@link #maxWait()}).
     */
    public NextCheck after(CheckResult result, Duration interval) {
        Objects.requireNonNull(interval, "interval");
        Instant scheduled = result.startedAt().plus(interval);
        if (!asksToWait(result.status()) || result.retryAfter().isEmpty()) return new NextCheck.OnSchedule(scheduled);
        Duration asked = result.retryAfter().get();
        boolean capped = asked.compareTo(maxWait) > 0;
        // Retry-After counts from the answer, not from the start of the check.
        Instant answeredAt = result.startedAt().plus(result.timings().total());
        Instant requested = answeredAt.plus(capped ? maxWait : asked);
        return requested.isAfter(scheduled) ? new NextCheck.BackedOff(requested, asked, capped) : new NextCheck.OnSchedule(scheduled);
    }

    // Only the client's own pace is in question on a 429; a 503 is an outage to confirm and page.
    private static boolean asksToWait(int status) {
        return status == 429;
    }
}
