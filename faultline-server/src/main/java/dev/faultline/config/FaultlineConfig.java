package dev.faultline.config;

import dev.faultline.maintenance.MaintenanceWindow;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole {@code faultline.yaml}, checked: what {@code faultline run} starts from.
 *
 * @param maintenance planned maintenance windows: checks go on, nothing pages
 * @param trends      the trend detectors' thresholds and the anomalies' severities
 * @param digest      the daily digest; empty when the file asks for none
 */
public record FaultlineConfig(ServerSettings server, MonitorDefaults defaults, ConfirmSettings confirm,
                              List<ChannelConfig> channels, List<MonitorConfig> monitors, List<AgentConfig> agents,
                              List<MaintenanceWindow> maintenance, TrendSettings trends, Optional<DigestSettings> digest) {

    /** A config with the default trend settings and no digest. */
    public FaultlineConfig(ServerSettings server, MonitorDefaults defaults, ConfirmSettings confirm,
                           List<ChannelConfig> channels, List<MonitorConfig> monitors, List<AgentConfig> agents,
                           List<MaintenanceWindow> maintenance) {
        this(server, defaults, confirm, channels, monitors, agents, maintenance, TrendSettings.DEFAULT, Optional.empty());
    }

    public FaultlineConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(confirm, "confirm");
        channels = List.copyOf(channels);
        monitors = List.copyOf(monitors);
        agents = List.copyOf(agents);
        maintenance = List.copyOf(maintenance);
        Objects.requireNonNull(trends, "trends");
        Objects.requireNonNull(digest, "digest");
    }

    /** The confirmation settings in force for a monitor: its own, or the file's. */
    public ConfirmSettings confirmFor(MonitorConfig monitor) {
        return monitor.confirm().orElse(confirm);
    }
}
