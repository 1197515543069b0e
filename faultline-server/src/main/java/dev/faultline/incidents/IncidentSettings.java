package dev.faultline.incidents;

import dev.faultline.config.ConfirmSettings;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.MonitorConfig;
import dev.faultline.incident.ConfirmPolicy;
import dev.faultline.maintenance.MaintenanceCalendar;
import dev.faultline.monitor.Monitor;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the incident service takes from the configuration: the {@code confirm} settings (the
 * file's, and each monitor's own) and the maintenance windows.
 *
 * @param overrides monitor id → that monitor's own confirm settings
 */
public record IncidentSettings(ConfirmSettings confirm, Map<String, ConfirmSettings> overrides, MaintenanceCalendar calendar) {

    public static final IncidentSettings DEFAULT = new IncidentSettings(ConfirmSettings.DEFAULT, Map.of(), MaintenanceCalendar.EMPTY);

    public IncidentSettings {
        Objects.requireNonNull(confirm, "confirm");
        overrides = Map.copyOf(overrides);
        Objects.requireNonNull(calendar, "calendar");
    }

    public static IncidentSettings of(FaultlineConfig config) {
        Map<String, ConfirmSettings> overrides = new HashMap<>();
        for (MonitorConfig monitor : config.monitors()) {
            monitor.confirm().ifPresent(own -> overrides.put(Monitor.idFor(monitor.name()), own));
        }
        return new IncidentSettings(config.confirm(), overrides, new MaintenanceCalendar(config.maintenance()));
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
