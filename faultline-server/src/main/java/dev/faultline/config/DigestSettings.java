package dev.faultline.config;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * The {@code digest} section: once a day at {@code at} in {@code timezone}, one summary of the
 * last 24 hours to each of {@code channels}. No section, no digest.
 */
public record DigestSettings(LocalTime at, ZoneId timezone, List<String> channels) {

    public DigestSettings {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(timezone, "timezone");
        channels = List.copyOf(channels);
        if (channels.isEmpty()) throw new IllegalArgumentException("channels: name at least one channel to send the digest to");
    }
}
