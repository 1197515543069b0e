package dev.faultline.config;

import dev.faultline.maintenance.MaintenanceWindow;
import java.util.List;
import java.util.Objects;

/**
 * A whole {@code faultline.yaml}, checked: what {@code faultline run} starts from.
 *
 * @param maintenance planned maintenance windows: checks go on, nothing pages
 * @param statusPages public status pages
 */
public record FaultlineConfig(ServerSettings server, MonitorDefaults defaults, ConfirmSettings confirm,
                              List<ChannelConfig> channels, List<MonitorConfig> monitors, List<AgentConfig> agents,
                              List<MaintenanceWindow> maintenance, List<StatusPageConfig> statusPages) {

    public FaultlineConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(confirm, "confirm");
        channels = List.copyOf(channels);
        monitors = List.copyOf(monitors);
        agents = List.copyOf(agents);
        maintenance = List.copyOf(maintenance);
        statusPages = List.copyOf(statusPages);
    }

    /** The confirmation settings in force for a monitor: its own, or the file's. */
    public ConfirmSettings confirmFor(MonitorConfig monitor) {
        return monitor.confirm().orElse(confirm);
    }
}
