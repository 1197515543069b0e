package dev.faultline.incidents;

import dev.faultline.config.ConfirmSettings;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.MonitorConfig;
import dev.faultline.incident.ConfirmPolicy;
import dev.faultline.monitor.Monitor;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's policy for each monitor, from the configuration's {@code confirm} settings: the
 * file's, and a monitor's own where it has them.
 *
 * @param overrides monitor id → that monitor's own confirm settings
 */
public record ConfirmPolicies(ConfirmSettings confirm, Map<String, ConfirmSettings> overrides) {

    public static final ConfirmPolicies DEFAULT = new ConfirmPolicies(ConfirmSettings.DEFAULT, Map.of());

    public ConfirmPolicies {
        Objects.requireNonNull(confirm, "confirm");
        overrides = Map.copyOf(overrides);
    }

    /**
     * The file's monitors' own settings. Monitors created through the API take the file's:
     * their stored form does not keep a confirm block yet.
     */
    public static ConfirmPolicies of(FaultlineConfig config) {
        Map<String, ConfirmSettings> overrides = new HashMap<>();
        for (MonitorConfig monitor : config.monitors()) {
            monitor.confirm().ifPresent(own -> overrides.put(Monitor.idFor(monitor.name()), own));
        }
        return new ConfirmPolicies(config.confirm(), overrides);
    }

    /**
     * The engine's policy for a monitor: the quorum, window, period and recovery configured for
     * it; flapping and instability keep the engine's defaults (the file does not set them).
     */
    public ConfirmPolicy policyFor(String monitorId) {
        ConfirmSettings settings = overrides.getOrDefault(monitorId, confirm);
        return ConfirmPolicy.DEFAULT.withQuorum(settings.quorum()).withWindow(settings.window())
                .withPeriod(settings.period()).withRecovery(settings.recovery());
    }
}
