package dev.faultline.incident;

import dev.faultline.check.Cause;
import dev.faultline.incident.Event.RegionResult;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure being confirmed (the monitor is SUSPECT): re-checks run in rounds, each with one
 * window to reach the quorum, until the failure has lasted the period or is over.
 *
 * @param failuresByRegion the cause of each failing result from a healthy region, in order
 * @param periodEndsAt     {@code startedAt + period}: a confirmation counts from then on
 * @param roundClosesAt    when the current round of re-checks runs out of window
 * @param deadline         the deadline asked of the caller: the earlier of the round's close and
 *                         the period's end, while that is still ahead
 */
public record FailureEpisode(Instant startedAt, Instant lastFailureAt, Map<String, List<Cause>> failuresByRegion,
                             Instant periodEndsAt, Instant roundClosesAt, Instant deadline) {

    public FailureEpisode {
        failuresByRegion = Blip.copy(failuresByRegion);
    }

    static FailureEpisode begin(RegionResult first, Instant now, ConfirmPolicy policy) {
        Instant periodEndsAt = first.at().plus(policy.period());
        Instant roundClosesAt = now.plus(policy.window());
        return new FailureEpisode(first.at(), first.at(), Map.of(first.region(), List.of(first.verdict().cause())),
                periodEndsAt, roundClosesAt, nextDeadline(now, periodEndsAt, roundClosesAt));
    }

    /** All failing results of the episode: one is a suspicion, confirmation needs a second (a re-check at least). */
    int failures() {
        return failuresByRegion.values().stream().mapToInt(List::size).sum();
    }

    FailureEpisode withFailure(RegionResult failure) {
        Map<String, List<Cause>> more = new HashMap<>(failuresByRegion);
        more.merge(failure.region(), List.of(failure.verdict().cause()), (seen, added) -> {
            List<Cause> all = new ArrayList<>(seen);
            all.addAll(added);
            return all;
        });
        Instant last = failure.at().isAfter(lastFailureAt) ? failure.at() : lastFailureAt;
        return new FailureEpisode(startedAt, last, more, periodEndsAt, roundClosesAt, deadline);
    }

    /** Forgets the failures of a region found unhealthy: the probe's own fault, not the monitor's. */
    FailureEpisode withoutRegion(String region) {
        Map<String, List<Cause>> fewer = new HashMap<>(failuresByRegion);
        fewer.remove(region);
        return new FailureEpisode(startedAt, lastFailureAt, fewer, periodEndsAt, roundClosesAt, deadline);
    }

    /** Whether the failure has been seen for the whole period. */
    boolean hasLastedPeriod() {
        return !lastFailureAt.isBefore(periodEndsAt);
    }

    FailureEpisode nextRound(Instant now, Duration window) {
        Instant closes = now.plus(window);
        return new FailureEpisode(startedAt, lastFailureAt, failuresByRegion, periodEndsAt, closes,
                nextDeadline(now, periodEndsAt, closes));
    }

    FailureEpisode rescheduled(Instant now) {
        return new FailureEpisode(startedAt, lastFailureAt, failuresByRegion, periodEndsAt, roundClosesAt,
                nextDeadline(now, periodEndsAt, roundClosesAt));
    }

    Blip toBlip(Instant endedAt, boolean duringMaintenance) {
        return new Blip(startedAt, endedAt, Duration.between(startedAt, lastFailureAt), failuresByRegion, duringMaintenance);
    }

    // The period's end is worth waking up for only while it is still ahead and before the round closes.
    private static Instant nextDeadline(Instant now, Instant periodEndsAt, Instant roundClosesAt) {
        return periodEndsAt.isAfter(now) && periodEndsAt.isBefore(roundClosesAt) ? periodEndsAt : roundClosesAt;
    }
}
