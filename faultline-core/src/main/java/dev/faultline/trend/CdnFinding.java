package dev.faultline.trend;

import dev.faultline.check.Outcome;
import dev.faultline.check.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a CDN hides from a monitor that only looks through it.
 *
 * @param edge    the edge monitor's name
 * @param origin  the origin monitor's name, when the finding pairs the two
 * @param at      the latest check the finding rests on
 * @param summary the finding, naming the monitors, with its figures
 */
public record CdnFinding(Kind kind, String edge, Optional<String> origin, Instant at, String summary,
                         List<String> likelyCauses, String nextStep) {

    public CdnFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(at, "at");
        likelyCauses = List.copyOf(likelyCauses);
    }

    public enum Kind {
        /** The origin is down while the edge still answers: users of anything uncached are failing. */
        MASKED_OUTAGE(Severity.CRITICAL, Outcome.DOWN),
        /** The edge keeps serving one old copy: working, but not current. */
        STALE_CACHE(Severity.WARNING, Outcome.DEGRADED);

        private final Severity severity;
        private final Outcome outcome;

        Kind(Severity severity, Outcome outcome) {
            this.severity = severity;
            this.outcome = outcome;
        }

        public Severity severity() {
            return severity;
        }

        public Outcome outcome() {
            return outcome;
        }

        /** The snake_case name used in JSON and messages, e.g. {@code masked_outage}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Severity severity() {
        return kind.severity();
    }

    public Outcome outcome() {
        return kind.outcome();
    }
}
