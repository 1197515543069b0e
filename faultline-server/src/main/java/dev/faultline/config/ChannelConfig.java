package dev.faultline.config;

import dev.faultline.check.Severity;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One alert channel as configured.
 *
 * @param severities the severities sent to this channel (never {@link Severity#NONE})
 * @param settings   every other key of the entry, as text, for the channel's own settings record to check
 */
public record ChannelConfig(String name, ChannelType type, Set<Severity> severities, Map<String, String> settings) {

    /** Pages and warnings, not the info that belongs on the dashboard. */
    public static final Set<Severity> DEFAULT_SEVERITIES = Set.copyOf(EnumSet.of(Severity.CRITICAL, Severity.WARNING));

    public ChannelConfig {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: must not be empty");
        Objects.requireNonNull(type, "type");
        severities = Set.copyOf(severities);
        if (severities.isEmpty()) throw new IllegalArgumentException("severities: give at least one of critical, warning, info");
        if (severities.contains(Severity.NONE)) throw new IllegalArgumentException("severities: 'none' is not sent anywhere");
        settings = Map.copyOf(settings);
    }
}
