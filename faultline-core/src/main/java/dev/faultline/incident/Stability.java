package dev.faultline.incident;

import dev.faultline.check.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The recent history that flapping and instability are judged on. Maintenance does not add to it.
 *
 * @param transitions         recent incident opens and resolves, oldest first
 * @param blips               recent blips, oldest first
 * @param flapping            present while the monitor flaps
 * @param instabilityWarnedAt the last instability warning; no second one within its span
 */
public record Stability(List<Instant> transitions, List<Instant> blips, Optional<Flapping> flapping,
                        Optional<Instant> instabilityWarnedAt) {

    public static final Stability CALM = new Stability(List.of(), List.of(), Optional.empty(), Optional.empty());

    public Stability {
        transitions = List.copyOf(transitions);
        blips = List.copyOf(blips);
    }

    /**
     * Flapping since an instant, announced once at a severity; {@link Transition#STABLE} goes
     * out at the same severity so that it reaches the same channels.
     */
    public record Flapping(Instant since, Severity severity) {
    }

    boolean isFlapping() {
        return flapping.isPresent();
    }

    Stability withTransition(Instant at, Threshold threshold) {
        return new Stability(threshold.remember(transitions, at), blips, flapping, instabilityWarnedAt);
    }

    Stability withBlip(Instant at, Threshold threshold) {
        return new Stability(transitions, threshold.remember(blips, at), flapping, instabilityWarnedAt);
    }

    Stability flappingSince(Instant at, Severity severity) {
        return new Stability(transitions, blips, Optional.of(new Flapping(at, severity)), instabilityWarnedAt);
    }

    Stability steady() {
        return new Stability(transitions, blips, Optional.empty(), instabilityWarnedAt);
    }

    Stability instabilityWarned(Instant at) {
        return new Stability(transitions, blips, flapping, Optional.of(at));
    }

    /** Whether no transition happened within the span ending now. */
    boolean quietFor(Threshold threshold, Instant now) {
        return transitions.stream().noneMatch(at -> threshold.covers(at, now));
    }
}
