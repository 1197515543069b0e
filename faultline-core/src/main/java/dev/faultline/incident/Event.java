package dev.faultline.incident;

import dev.faultline.check.CheckResult;
import dev.faultline.check.Severity;
import dev.faultline.check.Verdict;

import java.time.Instant;
import java.util.Objects;

/** What happens to a monitor, as far as incidents go. Every event carries the instant it happened. */
public sealed interface Event {

    Instant at();

    /**
     * One check of the monitor from one region. Up and degraded verdicts count as up; a down
     * verdict is a failure, critical unless the fault is the client's (a 4xx).
     *
     * @param status the HTTP status of the final answer, or 0 when there was none
     */
    record RegionResult(String region, Instant at, Verdict verdict, int status) implements Event {
        public RegionResult {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(verdict, "verdict");
        }

        public static RegionResult of(CheckResult result) {
            return new RegionResult(result.region(), result.startedAt(), result.verdict(), result.status());
        }

        public boolean failed() {
            return switch (verdict) {
                case Verdict.Up up -> false;
                case Verdict.Degraded degraded -> false;
                case Verdict.Down down -> true;
            };
        }

        /** A failure that pages: server, network or content. Client-side refusals are not. */
        public boolean critical() {
            return failed() && verdict.severity() == Severity.CRITICAL;
        }
    }

    /** The instant a {@link Action.ScheduleDeadline} asked for has come. */
    record ConfirmationDeadline(Instant at) implements Event {
    }

    /** A maintenance window began: checks go on and are recorded, nothing pages. */
    record MaintenanceStarted(Instant at) implements Event {
    }

    record MaintenanceEnded(Instant at) implements Event {
    }

    /**
     * A probe region was judged unhealthy (its own network or host is failing) or healthy again.
     * An unhealthy region's results are kept by the caller but never count toward a quorum.
     */
    record RegionHealthChanged(String region, boolean healthy, Instant at) implements Event {
        public RegionHealthChanged {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(at, "at");
        }
    }
}
