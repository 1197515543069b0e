package dev.faultline.config;

import dev.faultline.check.MonitorSpec;
import dev.faultline.monitor.Monitor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One monitor from the config file: what to check, and where the check runs and its alerts go.
 *
 * @param regions  where to check from; {@code local} is the server itself
 * @param channels names of {@link ChannelConfig channels} to alert; each exists in the same config
 * @param confirm  this monitor's own confirmation settings (the file's {@code confirm} with its
 *                 overrides applied), or empty to use the file's
 * @param cdnOrigin the name of the monitor that checks this one's origin, when this one checks a
 *                  CDN edge in front of it ({@code origin:} in the file)
 */
public record MonitorConfig(MonitorSpec spec, List<String> regions, List<String> channels, List<String> tags,
                            Optional<ConfirmSettings> confirm, Optional<String> cdnOrigin) {

    public MonitorConfig {
        Objects.requireNonNull(spec, "spec");
        regions = List.copyOf(regions);
        if (regions.isEmpty()) throw new IllegalArgumentException("regions: give at least one region");
        channels = List.copyOf(channels);
        tags = List.copyOf(tags);
        Objects.requireNonNull(confirm, "confirm");
        Objects.requireNonNull(cdnOrigin, "cdnOrigin");
    }

    public String name() {
        return spec.name();
    }

    /** The monitor the server runs from this configuration. */
    public Monitor toMonitor(Monitor.Source source) {
        return new Monitor(Monitor.idFor(name()), spec, regions, channels, tags, source);
    }
}
