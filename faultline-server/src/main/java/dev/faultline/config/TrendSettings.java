package dev.faultline.config;

import dev.faultline.check.Severity;
import dev.faultline.trend.Anomaly;
import dev.faultline.trend.TrendThresholds;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code trends} section: the detectors' thresholds, the severity each kind of anomaly is
 * raised at (warning ones are announced to warning channels, info ones only shown), the kinds
 * switched off, and how long an anomaly must go unseen before it counts as cleared.
 *
 * @param clearAfter an anomaly not found for this long is resolved; re-detection before that
 *                   keeps it open, so that a share hovering at a threshold does not open and
 *                   close it on every pass
 */
public record TrendSettings(TrendThresholds thresholds, Map<Anomaly.Kind, Severity> severities, Set<Anomaly.Kind> disabled,
                            Duration clearAfter) {

    public static final Duration DEFAULT_CLEAR_AFTER = Duration.ofMinutes(10);

    public static final TrendSettings DEFAULT = new TrendSettings(TrendThresholds.DEFAULTS, defaultSeverities(),
            Set.of(), DEFAULT_CLEAR_AFTER);

    public TrendSettings {
        Objects.requireNonNull(thresholds, "thresholds");
        EnumMap<Anomaly.Kind, Severity> copy = new EnumMap<>(defaultSeverities());
        severities.forEach((kind, severity) -> {
            if (severity != Severity.INFO && severity != Severity.WARNING) {
                throw new IllegalArgumentException("severity: an anomaly is info or warning, never " + severity.id());
            }
            copy.put(kind, severity);
        });
        severities = Collections.unmodifiableMap(copy);
        disabled = disabled.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(disabled));
        Objects.requireNonNull(clearAfter, "clear_after");
        if (clearAfter.isNegative()) throw new IllegalArgumentException("clear_after: must not be negative");
    }

    public Severity severity(Anomaly.Kind kind) {
        return severities.get(kind);
    }

    public boolean enabled(Anomaly.Kind kind) {
        return !disabled.contains(kind);
    }

    private static Map<Anomaly.Kind, Severity> defaultSeverities() {
        EnumMap<Anomaly.Kind, Severity> severities = new EnumMap<>(Anomaly.Kind.class);
        for (Anomaly.Kind kind : Anomaly.Kind.values()) severities.put(kind, kind.severity());
        return severities;
    }
}
