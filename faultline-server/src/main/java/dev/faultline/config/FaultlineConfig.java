package dev.faultline.config;

import java.util.List;
import java.util.Objects;

/** A whole {@code faultline.yaml}, checked: what {@code faultline run} starts from. */
public record FaultlineConfig(ServerSettings server, MonitorDefaults defaults, ConfirmSettings confirm,
                              List<ChannelConfig> channels, List<MonitorConfig> monitors, List<AgentConfig> agents) {

    public FaultlineConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(confirm, "confirm");
        channels = List.copyOf(channels);
        monitors = List.copyOf(monitors);
        agents = List.copyOf(agents);
    }

    /** The confirmation settings in force for a monitor: its own, or the file's. */
    public ConfirmSettings confirmFor(MonitorConfig monitor) {
        return monitor.confirm().orElse(confirm);
    }
}
