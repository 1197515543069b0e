package dev.faultline.config;

import dev.faultline.alert.ReminderPolicy;
import dev.faultline.maintenance.MaintenanceWindow;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole {@code faultline.yaml}, checked: what {@code faultline run} starts from.
 *
 * @param maintenance planned maintenance windows: checks go on, nothing pages
 * @param alerts      reminders and escalation of unacknowledged critical incidents ({@code alerts:}); off by default
 * @param trends      the trend detectors' thresholds and the anomalies' severities
 * @param digest      the daily digest; empty when the file asks for none
 * @param statusPages public status pages
 */
public record FaultlineConfig(ServerSettings server, MonitorDefaults defaults, ConfirmSettings confirm,
                              List<ChannelConfig> channels, List<MonitorConfig> monitors, List<AgentConfig> agents,
                              List<MaintenanceWindow> maintenance, ReminderPolicy alerts, TrendSettings trends,
                              Optional<DigestSettings> digest, List<StatusPageConfig> statusPages) {

    /** A config without reminders, escalation or digest, and with the default trend settings. */
    public FaultlineConfig(ServerSettings server, MonitorDefaults defaults, ConfirmSettings confirm,
                           List<ChannelConfig> channels, List<MonitorConfig> monitors, List<AgentConfig> agents,
                           List<MaintenanceWindow> maintenance) {
        this(server, defaults, confirm, channels, monitors, agents, maintenance, ReminderPolicy.OFF, TrendSettings.DEFAULT,
                Optional.empty(), List.of());
    }

    public FaultlineConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(confirm, "confirm");
        channels = List.copyOf(channels);
        monitors = List.copyOf(monitors);
        agents = List.copyOf(agents);
        maintenance = List.copyOf(maintenance);
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(trends, "trends");
        Objects.requireNonNull(digest, "digest");
        statusPages = List.copyOf(statusPages);
    }

    /** The confirmation settings in force for a monitor: its own, or the file's. */
    public ConfirmSettings confirmFor(MonitorConfig monitor) {
        return monitor.confirm().orElse(confirm);
    }

    /** The same config with other channels (the API's beside the file's). */
    public FaultlineConfig withChannels(List<ChannelConfig> others) {
        return new FaultlineConfig(server, defaults, confirm, others, monitors, agents, maintenance, alerts, trends, digest, statusPages);
    }
}
