package dev.faultline.config;

import dev.faultline.alert.ReminderPolicy;
import dev.faultline.maintenance.MaintenanceWindow;
import java.util.List;
import java.util.Objects;

/**
 * A whole {@code faultline.yaml}, checked: what {@code faultline run} starts from.
 *
 * @param maintenance planned maintenance windows: checks go on, nothing pages
 * @param alerts      reminders and escalation of unacknowledged critical incidents ({@code alerts:}); off by default
 */
public record FaultlineConfig(ServerSettings server, MonitorDefaults defaults, ConfirmSettings confirm,
                              List<ChannelConfig> channels, List<MonitorConfig> monitors, List<AgentConfig> agents,
                              List<MaintenanceWindow> maintenance, ReminderPolicy alerts) {

    /** A config without reminders or escalation. */
    public FaultlineConfig(ServerSettings server, MonitorDefaults defaults, ConfirmSettings confirm,
                           List<ChannelConfig> channels, List<MonitorConfig> monitors, List<AgentConfig> agents,
                           List<MaintenanceWindow> maintenance) {
        this(server, defaults, confirm, channels, monitors, agents, maintenance, ReminderPolicy.OFF);
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
    }

    /** The confirmation settings in force for a monitor: its own, or the file's. */
    public ConfirmSettings confirmFor(MonitorConfig monitor) {
        return monitor.confirm().orElse(confirm);
    }
}
